"""Reads a pytest file on stdin and prints its @pytest.mark.parametrize cases as JSON.

The file is parsed (ast), never executed: only literals, string concatenation, `%` and
`str.format`, `textwrap.dedent`, slices of strings and module- or class-level names bound to such
values are evaluated. A case holding anything else (a call to the code under test, randint, ...)
is left out and counted in `skipped`.

Output: {"groups": [{"function", "params", "rows"}], "lists": {NAME_CASES: rows}, "skipped": n}
"""
import ast
import json
import sys
import textwrap


class Unevaluable(Exception):
    pass


def evaluate(node, names):
    if isinstance(node, ast.Constant):
        if isinstance(node.value, (str, int, float, bool, type(None))):
            return node.value
        raise Unevaluable()
    if isinstance(node, (ast.Tuple, ast.List)):
        return [evaluate(item, names) for item in node.elts]
    if isinstance(node, ast.Name):
        if node.id in names:
            return names[node.id]
        raise Unevaluable()
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        value = evaluate(node.operand, names)
        if isinstance(value, (int, float)):
            return -value
        raise Unevaluable()
    if isinstance(node, ast.BinOp):
        left = evaluate(node.left, names)
        right = evaluate(node.right, names)
        if isinstance(node.op, ast.Add) and isinstance(left, str) and isinstance(right, str):
            return left + right
        if isinstance(node.op, ast.Mult) and isinstance(left, str) and isinstance(right, int):
            return left * right
        if isinstance(node.op, ast.Mod) and isinstance(left, str):
            return left % (tuple(right) if isinstance(right, list) else right)
        raise Unevaluable()
    if isinstance(node, ast.JoinedStr):
        parts = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                parts.append(str(value.value))
            elif isinstance(value, ast.FormattedValue) and value.format_spec is None:
                parts.append(str(evaluate(value.value, names)))
            else:
                raise Unevaluable()
        return "".join(parts)
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Slice):
        value = evaluate(node.value, names)
        if not isinstance(value, str):
            raise Unevaluable()
        bound = lambda part: None if part is None else evaluate(part, names)
        return value[bound(node.slice.lower):bound(node.slice.upper)]
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        attribute = node.func.attr
        if attribute == "format":
            template = evaluate(node.func.value, names)
            if not isinstance(template, str):
                raise Unevaluable()
            args = [evaluate(arg, names) for arg in node.args]
            kwargs = {keyword.arg: evaluate(keyword.value, names) for keyword in node.keywords}
            return template.format(*args, **kwargs)
        if attribute == "dedent" and isinstance(node.func.value, ast.Name) and node.func.value.id == "textwrap":
            return textwrap.dedent(evaluate(node.args[0], names))
    raise Unevaluable()


def bind(statements, names):
    """Module- and class-level `NAME = value` assignments whose value can be evaluated."""
    for statement in statements:
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            target = statement.targets[0]
            if isinstance(target, ast.Name):
                try:
                    names[target.id] = evaluate(statement.value, names)
                except (Unevaluable, Exception):
                    pass


def param_names(node, names):
    value = evaluate(node, names)
    if isinstance(value, str):
        return [name.strip() for name in value.split(",") if name.strip()]
    return [str(name) for name in value]


def main():
    tree = ast.parse(sys.stdin.read())
    names = {}
    bind(tree.body, names)
    groups = []
    skipped = 0

    def visit(functions, scope):
        nonlocal skipped
        for function in functions:
            if isinstance(function, ast.ClassDef):
                inner = dict(scope)
                bind(function.body, inner)
                visit(function.body, inner)
                continue
            if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for decorator in function.decorator_list:
                if not (isinstance(decorator, ast.Call) and isinstance(decorator.func, ast.Attribute)):
                    continue
                if decorator.func.attr != "parametrize" or len(decorator.args) < 2:
                    continue
                try:
                    params = param_names(decorator.args[0], scope)
                except Unevaluable:
                    continue
                rows_node = decorator.args[1]
                elements = rows_node.elts if isinstance(rows_node, (ast.List, ast.Tuple)) else None
                if elements is None:
                    try:
                        rows = evaluate(rows_node, scope)
                    except Unevaluable:
                        skipped += 1
                        continue
                else:
                    rows = []
                    for element in elements:
                        try:
                            rows.append(evaluate(element, scope))
                        except Exception:
                            skipped += 1
                rows = [row if len(params) > 1 or isinstance(row, list) else [row] for row in rows]
                groups.append({"function": function.name, "params": params, "rows": rows})

    visit(tree.body, names)
    # Module-level case lists (`*_TEST_CASES = [...]`) that a helper turns into parameters: each
    # element evaluated on its own, so one unevaluable case does not lose the list.
    lists = {}
    for statement in tree.body:
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            target = statement.targets[0]
            if isinstance(target, ast.Name) and target.id.endswith("_CASES") and isinstance(statement.value, ast.List):
                rows = []
                for element in statement.value.elts:
                    try:
                        rows.append(evaluate(element, names))
                    except Exception:
                        skipped += 1
                lists[target.id] = rows
    print(json.dumps({"groups": groups, "lists": lists, "skipped": skipped}))


main()
