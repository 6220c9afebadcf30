"""The machine's setup, with real outside peers: a TLS server behind a private CA, a libcurl too old
to use, and a proxy that loopback traffic must bypass."""
import contextlib
import datetime
import http.server
import json
import shutil
import socket
import ssl
import subprocess
import sys
import threading
import urllib.request

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from conftest import PLUGIN, simulator

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="these are libcurl's settings (CA file, proxy, a libcurl too old): Linux's transport")

TLS_HINT = (
    "The server's TLS certificate was refused or the handshake failed: check that the base URL's host name is the one the "
    "certificate names; if a proxy or a private CA signs it, give that CA's certificate with --ca-file (or WEBNIC_CA_FILE, "
    "SSL_CERT_FILE). Verification is never turned off."
)
LIBCURL_HINT = (
    "Install libcurl 7.30.0 or later and restart webnic-rpc: the package libcurl4 on Debian and Ubuntu (apt-get install "
    "libcurl4), libcurl on Fedora (dnf install libcurl) and Alpine (apk add libcurl)."
)


def certificates(directory):
    """A private CA and a certificate it signs for `localhost` only; returns (ca.pem, cert.pem, key.pem)."""
    now = datetime.datetime.now(datetime.timezone.utc)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "webnic-rpc test CA")])
    ca = (
        x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name).public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=2)).add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder().subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])).issuer_name(ca_name)
        .public_key(key.public_key()).serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=2)).add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    paths = [directory / name for name in ("ca.pem", "cert.pem", "key.pem")]
    paths[0].write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    paths[1].write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    paths[2].write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    return paths


@contextlib.contextmanager
def tls_front(upstream, cert, key):
    """An HTTPS server on 127.0.0.1 passing every request on to `upstream` (webnic-sim); yields its port."""

    class Forward(http.server.BaseHTTPRequestHandler):
        def forward(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            request = urllib.request.Request(upstream + self.path, data=body or None, method=self.command)
            for name in ("Authorization", "Content-Type", "Accept", "User-Agent"):
                if name in self.headers:
                    request.add_header(name, self.headers[name])
            try:
                with urllib.request.urlopen(request, timeout=10) as answer:
                    status, payload = answer.status, answer.read()
            except urllib.error.HTTPError as error:
                status, payload = error.code, error.read()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        do_GET = do_POST = do_PUT = forward

        def log_message(self, *arguments):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Forward)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()


def call(*arguments, env, method="getOrganization", params=None):
    """One request through the plugin; its response."""
    line = json.dumps({"jsonrpc": "2.0", "id": 1, "method": method, "params": params or {"organizationId": 5}}) + "\n"
    completed = subprocess.run([str(PLUGIN), *arguments], input=line, capture_output=True, text=True, timeout=30, env={"PATH": "/usr/bin:/bin", **env})
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout)


def doctor(*arguments, env):
    completed = subprocess.run(
        [str(PLUGIN), "doctor", "--json", *arguments], capture_output=True, text=True, timeout=30, env={"PATH": "/usr/bin:/bin", **env}
    )
    report = json.loads(completed.stdout)
    return completed.returncode, {check["name"]: check for check in report["checks"]}


@pytest.fixture(scope="module")
def private_ca(tmp_path_factory):
    directory = tmp_path_factory.mktemp("tls")
    ca, cert, key = certificates(directory)
    with simulator() as (_, env):
        with tls_front(env["WEBNIC_BASE_URL"], cert, key) as port:
            credentials = {"WEBNIC_USERNAME": env["WEBNIC_USERNAME"], "WEBNIC_PASSWORD": env["WEBNIC_PASSWORD"]}
            yield ca, port, credentials


def test_an_untrusted_certificate_is_refused_with_tls_and_not_retried(private_ca):
    ca, port, credentials = private_ca
    response = call(env={**credentials, "WEBNIC_BASE_URL": f"https://localhost:{port}"})
    assert response["error"] == {
        "code": 1014,
        "message": "The secure connection to WebNIC failed: the server's certificate was not accepted (untrusted, expired, or issued for another host name).",
        "data": {"category": "tls", "retryable": False, "hint": TLS_HINT, "attempts": 1},
    }


@pytest.mark.parametrize("how", ["--ca-file", "WEBNIC_CA_FILE", "SSL_CERT_FILE"])
def test_the_private_ca_is_trusted_when_given(private_ca, how):
    ca, port, credentials = private_ca
    env = {**credentials, "WEBNIC_BASE_URL": f"https://localhost:{port}"}
    arguments = ["--ca-file", str(ca)] if how == "--ca-file" else []
    if how != "--ca-file":
        env[how] = str(ca)
    response = call(*arguments, env=env)
    assert response["result"]["organizationId"] == 5
    assert response["result"]["organization"]["company"] == "Nelson Solutions"


def test_a_certificate_for_another_host_name_is_refused_even_from_a_trusted_ca(private_ca):
    ca, port, credentials = private_ca
    response = call("--ca-file", str(ca), env={**credentials, "WEBNIC_BASE_URL": f"https://127.0.0.1:{port}"})
    assert response["error"]["data"]["category"] == "tls"


def test_doctor_fails_the_tls_step_without_the_ca_and_passes_with_it(private_ca):
    ca, port, credentials = private_ca
    env = {**credentials, "WEBNIC_BASE_URL": f"https://localhost:{port}"}
    status, checks = doctor("--organization-id", "5", env=env)
    assert status == 1
    assert checks["tls"]["ok"] is False
    assert checks["tls"]["detail"].startswith("tls: The secure connection to WebNIC failed: the server's certificate was not accepted")
    assert checks["tls"]["hint"] == TLS_HINT
    assert checks["token"]["skipped"] is True
    status, checks = doctor("--organization-id", "5", "--ca-file", str(ca), env=env)
    assert status == 0
    assert checks["tls"]["detail"] == f"certificate of localhost verified against the CA certificates in {ca}"
    assert checks["organization"]["ok"] is True


@pytest.fixture(scope="module")
def old_libcurl(tmp_path_factory):
    """A directory holding a libcurl.so.4 that lacks every function: a libcurl too old to use."""
    compiler = shutil.which("clang") or shutil.which("cc") or shutil.which("gcc")
    assert compiler, "a C compiler (the Swift toolchain's clang) is needed to build the stand-in library"
    directory = tmp_path_factory.mktemp("libcurl")
    source = directory / "empty.c"
    source.write_text("int webnic_rpc_test_stand_in(void) { return 0; }\n")
    subprocess.run([compiler, "-shared", "-fPIC", "-o", str(directory / "libcurl.so.4"), str(source)], check=True)
    return directory


def test_a_libcurl_too_old_is_a_configuration_error_naming_the_package(old_libcurl):
    with simulator() as (_, env):
        response = call(env={**env, "LD_LIBRARY_PATH": str(old_libcurl)})
    assert response["error"]["code"] == 1011
    assert response["error"]["message"] == (
        "Nothing can be sent to WebNIC: the libcurl installed lacks a function webnic-rpc needs (it needs libcurl 7.30.0 or later)."
    )
    assert response["error"]["data"]["category"] == "configuration"
    assert response["error"]["data"]["retryable"] is False
    assert response["error"]["data"]["hint"] == LIBCURL_HINT


def test_doctor_says_the_same_at_its_libcurl_step(old_libcurl):
    with simulator() as (_, env):
        status, checks = doctor(env={**env, "LD_LIBRARY_PATH": str(old_libcurl)})
    assert status == 1
    assert checks["libcurl"]["ok"] is False
    assert checks["libcurl"]["detail"].startswith("configuration: Nothing can be sent to WebNIC: the libcurl installed lacks a function")
    assert checks["libcurl"]["hint"] == LIBCURL_HINT
    assert checks["tls"]["skipped"] is True


def test_loopback_traffic_never_goes_through_a_proxy():
    """With http_proxy set, a call to the loopback simulator goes straight to it: the proxy sees nothing."""
    proxy = socket.socket()
    proxy.bind(("127.0.0.1", 0))
    proxy.listen(8)
    proxy.settimeout(0.5)
    seen = []

    def accept():
        while True:
            try:
                connection, _ = proxy.accept()
            except (socket.timeout, OSError):
                if proxy.fileno() == -1:
                    return
                continue
            seen.append(connection.recv(4096))
            connection.close()

    threading.Thread(target=accept, daemon=True).start()
    address = f"http://127.0.0.1:{proxy.getsockname()[1]}"
    try:
        with simulator() as (_, env):
            for base in (env["WEBNIC_BASE_URL"], env["WEBNIC_BASE_URL"].replace("127.0.0.1", "localhost")):
                response = call(env={**env, "WEBNIC_BASE_URL": base, "http_proxy": address, "HTTP_PROXY": address, "https_proxy": address})
                assert response["result"]["organizationId"] == 5
    finally:
        proxy.close()
    assert seen == []
