/**
 * The least an MCP client does over stdio to get a spawned `modelmux`'s tool list: initialize,
 * initialized, tools/list. Resolves when the tools/list answer arrives (the caller decides when to
 * close stdin, which ends the server); rejects if the server exits first. Used by the build (to
 * write the code cache) and the start-up bench (to time the answer without the SDK client's work).
 */
export function listToolsOverStdio(child, clientName) {
  const send = (message) => child.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", ...message })}\n`);
  return new Promise((resolve, reject) => {
    let pending = "";
    const onData = (chunk) => {
      pending += chunk.toString();
      for (let newline = pending.indexOf("\n"); newline >= 0; newline = pending.indexOf("\n")) {
        const id = idOf(pending.slice(0, newline));
        pending = pending.slice(newline + 1);
        if (id === 1) {
          send({ method: "notifications/initialized" });
          send({ id: 2, method: "tools/list" });
        } else if (id === 2) {
          child.stdout.off("data", onData);
          resolve();
        }
      }
    };
    child.stdout.on("data", onData);
    child.once("exit", (code) => reject(new Error(`modelmux exited (${code}) before answering tools/list`)));
    send({
      id: 1,
      method: "initialize",
      params: {
        protocolVersion: "2025-06-18",
        capabilities: {},
        clientInfo: { name: clientName, version: "1" },
      },
    });
  });
}

function idOf(line) {
  try {
    return JSON.parse(line).id;
  } catch {
    return undefined; // not a JSON-RPC line: stdout is the protocol, so this never happens in practice
  }
}
