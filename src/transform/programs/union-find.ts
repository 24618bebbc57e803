/** Disjoint sets of strings (union by a caller-chosen root, path compression). */
export class UnionFind {
  private readonly parent = new Map<string, string>();

  find(item: string): string {
    let root = item;
    for (let next = this.parent.get(root); next !== undefined && next !== root; next = this.parent.get(root)) root = next;
    for (let node = item; node !== root; ) {
      const next = this.parent.get(node)!;
      this.parent.set(node, root);
      node = next;
    }
    return root;
  }

  connected(a: string, b: string): boolean {
    return this.find(a) === this.find(b);
  }

  /** Joins the sets of a and b; `keepFirst(ra, rb)` says whether ra stays the root. Returns false when already joined. */
  union(a: string, b: string, keepFirst: (ra: string, rb: string) => boolean = () => true): boolean {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return false;
    if (keepFirst(ra, rb)) this.parent.set(rb, ra);
    else this.parent.set(ra, rb);
    return true;
  }
}
