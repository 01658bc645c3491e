/**
 * `prefix + name`, each made once and handed out again: a megabyte of pasted addresses reports 80,000
 * findings of a handful of detector names, and a string built per finding was garbage to collect.
 */
export function prefixedNames(prefix: string): (name: string) => string {
  const names = new Map<string, string>();
  return (name) => {
    let full = names.get(name);
    if (full === undefined) {
      full = prefix + name;
      names.set(name, full);
    }
    return full;
  };
}
