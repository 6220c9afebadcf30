// A small host for webnic-rpc: child_process and readline, no npm packages.
//
// Spawns the plugin, sends requests with ids, matches responses (which may come out of order) by
// id, rejects with WebNICRPCError carrying the error's category, retryable flag and hint, and shuts
// the plugin down by closing its stdin.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";

export class WebNICRPCError extends Error {
  constructor(error) {
    super(error.message);
    const data = error.data ?? {};
    this.code = error.code;
    this.category = data.category ?? "protocol";
    this.retryable = data.retryable ?? false;
    this.hint = data.hint ?? "";
    this.fieldErrors = data.fieldErrors ?? [];
    this.retryAfter = data.retryAfterSeconds;
    this.data = data;
  }
}

/** webnic-rpc could not be started, or exited while calls were waiting for it. */
export class WebNICRPCUnavailable extends Error {}

export class WebNICRPCClient {
  #process;
  #pending = new Map();
  #nextId = 1;
  #closed;
  #gone = null;

  /**
   * The built-in sandbox unless `live` is true (then the WEBNIC_* settings of the environment say
   * which WebNIC, with which credentials).
   */
  constructor({ binary = process.env.WEBNIC_RPC ?? "webnic-rpc", args, live = false } = {}) {
    this.#process = spawn(binary, args ?? (live ? [] : ["--sandbox"]), { stdio: ["pipe", "pipe", "inherit"] });
    // A binary that cannot be started, or a plugin that exits: every waiting call fails with why.
    this.#process.on("error", (error) => this.#fail(`webnic-rpc could not be started (${binary}): ${error.message}`));
    this.#process.stdin.on("error", () => {});
    this.#closed = new Promise((resolve) => {
      this.#process.on("close", (code, signal) => {
        this.#fail(`webnic-rpc exited ${signal ? `on ${signal}` : `with status ${code}`}`);
        resolve(code);
      });
    });
    createInterface({ input: this.#process.stdout }).on("line", (line) => {
      const message = JSON.parse(line);
      for (const response of Array.isArray(message) ? message : [message]) {
        const key = JSON.stringify(response.id);
        const pending = this.#pending.get(key);
        if (!pending) continue;
        this.#pending.delete(key);
        if ("error" in response) pending.reject(new WebNICRPCError(response.error));
        else pending.resolve(response.result);
      }
    });
  }

  #fail(reason) {
    this.#gone ??= new WebNICRPCUnavailable(reason);
    for (const pending of this.#pending.values()) pending.reject(this.#gone);
    this.#pending.clear();
  }

  /** Sends one request; resolves with its result or rejects with WebNICRPCError (or WebNICRPCUnavailable). */
  call(method, params = {}) {
    if (this.#gone) return Promise.reject(this.#gone);
    const id = `js-${this.#nextId++}`;
    return new Promise((resolve, reject) => {
      this.#pending.set(JSON.stringify(id), { resolve, reject });
      this.#process.stdin.write(JSON.stringify({ jsonrpc: "2.0", id, method, params }) + "\n");
    });
  }

  /** Like call, but sends the request again while the error says a retry can help. */
  async callWithRetry(method, params = {}, attempts = 3) {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.call(method, params);
      } catch (error) {
        if (!(error instanceof WebNICRPCError) || !error.retryable || attempt === attempts - 1) throw error;
        await new Promise((resolve) => setTimeout(resolve, 1000 * (error.retryAfter ?? 2 ** attempt)));
      }
    }
  }

  /** Closes stdin and waits for the plugin to exit. */
  async close() {
    this.#process.stdin.end();
    return this.#closed;
  }
}
