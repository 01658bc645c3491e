/**
 * SQLSTATE classes in which PostgreSQL refuses the rows themselves, not the connection: 22 data
 * exception (a NUL byte in text, a number out of range, bad JSON), 23 integrity constraint
 * violation (a missing NOT NULL value), 54 program limit exceeded (a row too large). Such a record
 * is refused every time: retrying it would block the records behind it forever.
 */
const REJECTING_CLASSES = new Set(["22", "23", "54"]);

/** A database error node-postgres raised from the server's answer: it carries a SQLSTATE and a severity. */
interface DatabaseErrorFields {
  code: string;
  severity?: string;
  column?: string;
  constraint?: string;
}

function databaseError(error: unknown): DatabaseErrorFields | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const { code, severity } = error as { code?: unknown; severity?: unknown };
  // Network errors carry codes too (ECONNREFUSED, EPIPE) but no severity.
  if (typeof code !== "string" || !/^[0-9A-Z]{5}$/.test(code) || typeof severity !== "string")
    return undefined;
  return error as DatabaseErrorFields;
}

/**
 * True when the database could not be asked at all: no answer from the server (refused or broken
 * connection, connect or read timeout), or an answer saying it cannot serve (08 connection
 * exception, 57P admin or crash shutdown, cannot connect now).
 */
export function isUnreachable(error: unknown): boolean {
  // A fault in our own code (a bad Date, a missing field) says nothing about the database.
  if (error instanceof RangeError || error instanceof TypeError || error instanceof ReferenceError)
    return false;
  const fields = databaseError(error);
  return fields === undefined || fields.code.startsWith("08") || fields.code.startsWith("57P");
}

/**
 * True when the transaction lost a race and a retry may pass: class 40 (deadlock detected,
 * serialization failure), as two instances adding to the same rollup rows at once may.
 */
export function isTransient(error: unknown): boolean {
  return databaseError(error)?.code.startsWith("40") ?? false;
}

/** True when the database refused the records (their data), false when it could not take any (down, busy). */
export function isRejection(error: unknown): boolean {
  const fields = databaseError(error);
  return fields !== undefined && REJECTING_CLASSES.has(fields.code.slice(0, 2));
}

/**
 * What a log line may say about a rejection: the SQLSTATE and the column or constraint it names.
 * Never the message or detail: PostgreSQL quotes the refused value there ("Failing row contains …").
 */
export function rejectionFields(error: unknown): { code?: string; column?: string; constraint?: string } {
  const fields = databaseError(error);
  if (!fields) return {};
  return {
    code: fields.code,
    ...(fields.column !== undefined && { column: fields.column }),
    ...(fields.constraint !== undefined && { constraint: fields.constraint }),
  };
}
