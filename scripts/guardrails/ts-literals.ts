import ts from "typescript";

/** A property's value in an object literal: a string, or an array of strings. */
export type LiteralValue = string | string[];

/** A string the parser can read without running anything: literals, plain templates, and `+` of them. */
function stringOf(node: ts.Expression): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isParenthesizedExpression(node)) return stringOf(node.expression);
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const [left, right] = [stringOf(node.left), stringOf(node.right)];
    return left === undefined || right === undefined ? undefined : left + right;
  }
  return undefined;
}

/**
 * The object literals of a TypeScript file, in source order, each with its properties whose values
 * are plain strings or arrays of plain strings (the file is parsed, never run). Other properties are
 * left out, so a payload built at run time is not read.
 */
export function tsObjectLiterals(source: string): Record<string, LiteralValue>[] {
  const file = ts.createSourceFile("payloads.ts", source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const objects: Record<string, LiteralValue>[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isObjectLiteralExpression(node)) {
      const entry: Record<string, LiteralValue> = {};
      for (const property of node.properties) {
        if (!ts.isPropertyAssignment(property)) continue;
        const name =
          ts.isIdentifier(property.name) || ts.isStringLiteral(property.name) ? property.name.text : "";
        const value = property.initializer;
        const text = stringOf(value);
        if (text !== undefined) entry[name] = text;
        else if (ts.isArrayLiteralExpression(value)) {
          const items = value.elements.map((element) => stringOf(element as ts.Expression));
          if (items.every((item) => item !== undefined)) entry[name] = items as string[];
        }
      }
      objects.push(entry);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return objects;
}
