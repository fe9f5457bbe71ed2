/**
 * The small XML parts of a workbook (workbook.xml, relationships, tables,
 * shared strings) read into a light tree with saxes, the XML parser ExcelJS
 * already brings. Element and attribute names are kept without their
 * namespace prefix: writers differ in prefixes (x:sheet, r:id) but not in
 * local names.
 */
import { SaxesParser } from "saxes";

export interface XmlElement {
  name: string;
  /** The namespace URI the element's prefix (or the default namespace) stands for. */
  uri: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

function localName(qualified: string): string {
  const at = qualified.indexOf(":");
  return at < 0 ? qualified : qualified.slice(at + 1);
}

export class XmlError extends Error {}

export function parseXml(text: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true });
  const root: XmlElement = { name: "#root", uri: "", attrs: {}, children: [], text: "" };
  const stack: XmlElement[] = [root];
  parser.on("opentag", (node) => {
    const attrs: Record<string, string> = {};
    for (const [name, attr] of Object.entries(node.attributes)) {
      if (name === "xmlns" || name.startsWith("xmlns:")) continue;
      attrs[localName(name)] = typeof attr === "string" ? attr : attr.value;
    }
    const element: XmlElement = {
      name: localName(node.name),
      uri: node.uri ?? "",
      attrs,
      children: [],
      text: "",
    };
    stack[stack.length - 1].children.push(element);
    stack.push(element);
  });
  parser.on("closetag", () => {
    stack.pop();
  });
  parser.on("text", (t) => {
    stack[stack.length - 1].text += t;
  });
  parser.on("cdata", (t) => {
    stack[stack.length - 1].text += t;
  });
  try {
    parser.write(text).close();
  } catch (error) {
    throw new XmlError(error instanceof Error ? error.message : String(error));
  }
  const top = root.children[0];
  if (top === undefined) throw new XmlError("no root element");
  return top;
}

export function child(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((c) => c.name === name);
}

export function children(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((c) => c.name === name);
}

/** Excel's escape for characters XML cannot hold: _x000D_ is a carriage return. */
export function decodeExcelEscapes(text: string): string {
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) =>
    String.fromCharCode(parseInt(hex, 16))
  );
}

/** The text of a shared string or inline string: its <t>, or its runs' <t>, without phonetic runs. */
export function stringItemText(item: XmlElement): string {
  let text = "";
  for (const c of item.children) {
    if (c.name === "t") text += c.text;
    else if (c.name === "r") for (const t of children(c, "t")) text += t.text;
  }
  return decodeExcelEscapes(text);
}

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
};

/** Decodes XML character references and the five predefined entities. */
export function decodeXmlText(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(/&(#x[0-9A-Fa-f]+|#\d+|[a-z]+);/g, (m, ref: string) => {
    if (ref.startsWith("#x")) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith("#")) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    return ENTITIES[ref] ?? m;
  });
}

export function encodeXmlText(text: string): string {
  return text.replace(/[&<>"]/g, (ch) =>
    ch === "&" ? "&amp;" : ch === "<" ? "&lt;" : ch === ">" ? "&gt;" : "&quot;"
  );
}
