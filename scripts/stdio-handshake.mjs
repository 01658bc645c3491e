/**
 * The least an MCP client does over stdio to get a spawned `modelmux`'s tool list: initialize,
 * initialized, tools/list. Resolves with the tools/list result when its answer arrives (the caller
 * decides when to close stdin, which ends the server); rejects if the server exits first. Used by the
 * build (to write the tool list and the code cache) and the start-up bench (to time the answer
 * without the SDK client's work).
 */
export function listToolsOverStdio(child, clientName) {
  const send = (message) => child.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", ...message })}\n`);
  return new Promise((resolve, reject) => {
    let pending = "";
    const onData = (chunk) => {
      pending += chunk.toString();
      for (let newline = pending.indexOf("\n"); newline >= 0; newline = pending.indexOf("\n")) {
        const message = parse(pending.slice(0, newline));
        pending = pending.slice(newline + 1);
        if (message?.id === 1) {
          send({ method: "notifications/initialized" });
          send({ id: 2, method: "tools/list" });
        } else if (message?.id === 2) {
          child.stdout.off("data", onData);
          if (message.result) resolve(message.result);
          else reject(new Error(`tools/list failed: ${JSON.stringify(message.error)}`));
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

function parse(line) {
  try {
    return JSON.parse(line);
  } catch {
    return undefined; // not a JSON-RPC line: stdout is the protocol, so this never happens in practice
  }
}
