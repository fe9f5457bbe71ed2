/**
 * Building the pane's DOM. Text only ever goes in as text nodes
 * (textContent), never as markup: tier names, scenario names and imported
 * files are user data, and a name such as <img src=x onerror=...> must show
 * as those characters.
 */
export type Child = Node | string | null | undefined | false;
export type Attributes = Record<string, string | number | boolean | null | undefined>;

type ElementFor<K extends string> = K extends keyof HTMLElementTagNameMap
  ? HTMLElementTagNameMap[K]
  : HTMLElement;

/** An element with attributes and children (text children become text nodes). */
export function h<K extends string>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): ElementFor<K> {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? "" : String(value));
  }
  append(element, children);
  return element as ElementFor<K>;
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  }
}

export function replaceChildren(parent: Element, ...children: Child[]): void {
  while (parent.firstChild) parent.removeChild(parent.firstChild);
  append(parent, children);
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`taskpane.html has no #${id}`);
  return element as T;
}

/** An id that is safe in HTML for any path (tier names may hold any character). */
export function fieldId(pathId: string): string {
  return `f-${Array.from(pathId, (ch) => (/[A-Za-z0-9_-]/.test(ch) ? ch : `_${ch.codePointAt(0)}_`)).join("")}`;
}
