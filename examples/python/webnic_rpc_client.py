"""A small asyncio host for webnic-rpc, standard library only.

Spawns the plugin, sends requests with ids, matches responses (which may come out of order) by id,
raises WebNICRPCError with the error's category, retryable flag and hint, and shuts the plugin
down by closing its stdin.
"""
import asyncio
import itertools
import json
import os


class WebNICRPCError(Exception):
    """A JSON-RPC error from webnic-rpc, with the fields of its `data`."""

    def __init__(self, error):
        super().__init__(error["message"])
        self.code = error["code"]
        data = error.get("data") or {}
        self.category = data.get("category", "protocol")
        self.retryable = data.get("retryable", False)
        self.hint = data.get("hint", "")
        self.field_errors = data.get("fieldErrors", [])
        self.retry_after = data.get("retryAfterSeconds")
        self.data = data


class WebNICRPCUnavailable(Exception):
    """webnic-rpc could not be started, or exited while calls were waiting for it."""


class WebNICRPCClient:
    """One webnic-rpc process: the built-in sandbox unless `live` is true (then the WEBNIC_*
    settings of the environment say which WebNIC, with which credentials)."""

    def __init__(self, binary=None, arguments=None, live=False):
        self.binary = binary or os.environ.get("WEBNIC_RPC", "webnic-rpc")
        self.arguments = arguments if arguments is not None else ([] if live else ["--sandbox"])
        self._ids = itertools.count(1)
        self._pending = {}
        self._process = None
        self._reader = None
        self._gone = None

    async def __aenter__(self):
        try:
            self._process = await asyncio.create_subprocess_exec(
                self.binary, *self.arguments, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
                limit=16 * 1024 * 1024,
            )
        except OSError as error:
            raise WebNICRPCUnavailable(f"webnic-rpc could not be started ({self.binary}): {error.strerror}") from None
        self._reader = asyncio.create_task(self._read())
        return self

    async def __aexit__(self, *exc):
        self._process.stdin.close()
        await self._process.wait()
        await self._reader

    async def _read(self):
        async for line in self._process.stdout:
            message = json.loads(line)
            for response in message if isinstance(message, list) else [message]:
                future = self._pending.pop(json.dumps(response.get("id")), None)
                if future and not future.done():
                    future.set_result(response)
        self._gone = WebNICRPCUnavailable(f"webnic-rpc exited with status {await self._process.wait()}")
        for future in self._pending.values():
            if not future.done():
                future.set_exception(self._gone)
        self._pending.clear()

    async def call(self, method, **params):
        """Sends one request and returns its result, or raises WebNICRPCError (or WebNICRPCUnavailable)."""
        if self._gone:
            raise self._gone
        request_id = f"py-{next(self._ids)}"
        future = asyncio.get_running_loop().create_future()
        self._pending[json.dumps(request_id)] = future
        request = {"jsonrpc": "2.0", "id": request_id, "method": method, "params": params}
        try:
            self._process.stdin.write((json.dumps(request) + "\n").encode())
            await self._process.stdin.drain()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the reader sees the end of the output and fails the call with the exit status
        response = await future
        if "error" in response:
            raise WebNICRPCError(response["error"])
        return response["result"]

    async def call_with_retry(self, method, attempts=3, **params):
        """Like `call`, but sends a request again while the error says a retry can help."""
        for attempt in range(attempts):
            try:
                return await self.call(method, **params)
            except WebNICRPCError as error:
                if not error.retryable or attempt == attempts - 1:
                    raise
                await asyncio.sleep(error.retry_after or 2 ** attempt)
