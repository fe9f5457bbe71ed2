#!/usr/bin/env node
/**
 * Checks of manifest.xml that the XSD in ../shared cannot make, shared by
 * scripts/validate-manifest.sh and test/manifest.test.ts.
 *
 *   node scripts/manifest-checks.js strip MANIFEST   print MANIFEST without its <Runtimes> block
 *   node scripts/manifest-checks.js check MANIFEST   run every check below; exit 1 on any problem
 *
 * - checkRuntimes: the shared runtime is declared once, as the first child of
 *   <Host xsi:type="Workbook">, with one long-lived <Runtime> whose resid is a
 *   bt:Url, and the same resid (one task-pane URL) is used by the
 *   CustomFunctions Page, FunctionFile and every ShowTaskpane action.
 * - checkResids: every resid is defined once, in the right kind of resource.
 * - checkUrls: every URL is https and under the manifest's origin (the folder
 *   of its task-pane page), so a production manifest has no URL left behind.
 * - checkIcons: every icon URL under that origin is a PNG with the pixel size
 *   the manifest states: in assets/ for the development manifest (origin
 *   https://localhost:3000/), beside the manifest for a built one (dist/).
 *
 * The 2019 schema has no <Runtimes> (see ../shared/schemas/office-manifest/README.md),
 * so `strip` removes that element before xmllint runs, keeping the line count
 * so that xmllint's line numbers still point into the real file.
 */
const fs = require("fs");
const path = require("path");
const { DOMParser, onErrorStopParsing } = require("@xmldom/xmldom");

const NS = {
  app: "http://schemas.microsoft.com/office/appforoffice/1.1",
  ov: "http://schemas.microsoft.com/office/taskpaneappversionoverrides",
  bt: "http://schemas.microsoft.com/office/officeappbasictypes/1.0",
  xsi: "http://www.w3.org/2001/XMLSchema-instance",
};

/** Where the dev server serves dist/, which mirrors the repo's assets/. */
const DEV_ORIGIN = "https://localhost:3000/";
/** Elements whose DefaultValue is a URL, besides bt:Image and bt:Url resources. */
const URL_ELEMENTS = ["IconUrl", "HighResolutionIconUrl", "SupportUrl", "SourceLocation"];
const ROOT = path.resolve(__dirname, "..");

/** Which kind of resource a resid on each element must name. */
const RESID_KIND = {
  Image: "Images",
  SourceLocation: "Urls",
  FunctionFile: "Urls",
  Runtime: "Urls",
  LearnMoreUrl: "Urls",
  Label: "ShortStrings",
  Title: "ShortStrings",
  Namespace: "ShortStrings",
  Description: "LongStrings",
};

function parseManifest(xml) {
  return new DOMParser({ onError: onErrorStopParsing }).parseFromString(xml, "text/xml");
}

function elements(node) {
  const out = [];
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === 1) out.push(child);
  }
  return out;
}

function descendants(node, ns, localName) {
  return Array.from(node.getElementsByTagNameNS(ns, localName));
}

function xsiType(element) {
  return element.getAttributeNS(NS.xsi, "type");
}

function lineOf(element) {
  return element.lineNumber ? ` (line ${element.lineNumber})` : "";
}

/** The <Host xsi:type="Workbook"> elements inside VersionOverrides. */
function workbookHosts(doc) {
  return descendants(doc, NS.ov, "Host").filter((host) => xsiType(host) === "Workbook");
}

/** id -> { kind, value, element } for every bt:Image, bt:Url and bt:String; duplicates are reported. */
function resources(doc, problems = []) {
  const defined = new Map();
  for (const kind of ["Images", "Urls", "ShortStrings", "LongStrings"]) {
    for (const group of descendants(doc, NS.bt, kind)) {
      for (const item of elements(group)) {
        const id = item.getAttribute("id");
        if (defined.has(id))
          problems.push(`resource id "${id}" is defined more than once${lineOf(item)}`);
        defined.set(id, { kind, value: item.getAttribute("DefaultValue"), element: item });
      }
    }
  }
  return defined;
}

function checkRuntimes(doc) {
  const problems = [];
  const all = Array.from(doc.getElementsByTagName("*")).filter((e) => e.localName === "Runtimes");
  if (all.length !== 1) {
    problems.push(`expected exactly one <Runtimes> element, found ${all.length}`);
    if (all.length === 0) return problems;
  }
  const hosts = workbookHosts(doc);
  if (hosts.length !== 1) {
    problems.push(
      `expected exactly one <Host xsi:type="Workbook"> in VersionOverrides, found ${hosts.length}`
    );
    return problems;
  }
  const host = hosts[0];
  const runtimes = all[0];
  if (runtimes.parentNode !== host || runtimes.namespaceURI !== NS.ov) {
    problems.push(`<Runtimes>${lineOf(runtimes)} must be a child of <Host xsi:type="Workbook">`);
  } else if (elements(host)[0] !== runtimes) {
    problems.push(
      `<Runtimes>${lineOf(runtimes)} must be the first child of <Host xsi:type="Workbook">`
    );
  }
  const children = elements(runtimes);
  const runtimeList = children.filter((e) => e.localName === "Runtime" && e.namespaceURI === NS.ov);
  if (runtimeList.length !== 1 || children.length !== 1) {
    problems.push(
      `<Runtimes> must hold exactly one <Runtime> and nothing else, found ${children.length} element(s)`
    );
  }
  const runtime = runtimeList[0];
  if (!runtime) return problems;
  if (runtime.getAttribute("lifetime") !== "long") {
    problems.push(
      `<Runtime>${lineOf(runtime)} must have lifetime="long" (the shared runtime), found "${runtime.getAttribute("lifetime")}"`
    );
  }
  const resid = runtime.getAttribute("resid");
  const defined = resources(doc);
  const url = defined.get(resid);
  if (!resid) problems.push(`<Runtime>${lineOf(runtime)} has no resid`);
  else if (!url || url.kind !== "Urls")
    problems.push(`Runtime resid "${resid}" is not defined in <bt:Urls>`);

  const sameResid = (what, element) => {
    if (!element) problems.push(`${what} is missing`);
    else if (element.getAttribute("resid") !== resid) {
      problems.push(
        `${what}${lineOf(element)} uses resid "${element.getAttribute("resid")}", not the Runtime's "${resid}"`
      );
    }
  };
  const customFunctions = descendants(host, NS.ov, "ExtensionPoint").filter(
    (e) => xsiType(e) === "CustomFunctions"
  );
  if (customFunctions.length !== 1) {
    problems.push(
      `expected one CustomFunctions ExtensionPoint in the Workbook host, found ${customFunctions.length}`
    );
  } else {
    const page = elements(customFunctions[0]).find((e) => e.localName === "Page");
    const pageSource = page && elements(page).find((e) => e.localName === "SourceLocation");
    sameResid("the CustomFunctions <Page> <SourceLocation>", pageSource);
  }
  const functionFiles = descendants(host, NS.ov, "FunctionFile");
  if (functionFiles.length === 0) sameResid("<FunctionFile>", undefined);
  functionFiles.forEach((e) => sameResid("<FunctionFile>", e));
  const showTaskpane = descendants(host, NS.ov, "Action").filter(
    (e) => xsiType(e) === "ShowTaskpane"
  );
  if (showTaskpane.length === 0)
    problems.push("no ShowTaskpane action: the ribbon button must open the task pane");
  showTaskpane.forEach((action) => {
    const source = elements(action).find((e) => e.localName === "SourceLocation");
    sameResid("the ShowTaskpane <SourceLocation>", source);
  });
  const defaultSource = descendants(doc, NS.app, "DefaultSettings")
    .flatMap((settings) => elements(settings))
    .find((e) => e.localName === "SourceLocation");
  if (url && defaultSource && defaultSource.getAttribute("DefaultValue") !== url.value) {
    problems.push(
      `DefaultSettings SourceLocation "${defaultSource.getAttribute("DefaultValue")}" differs from ${resid} "${url.value}"`
    );
  }
  return problems;
}

function checkResids(doc) {
  const problems = [];
  const defined = resources(doc, problems);
  for (const element of Array.from(doc.getElementsByTagName("*"))) {
    if (!element.hasAttribute("resid")) continue;
    const resid = element.getAttribute("resid");
    const found = defined.get(resid);
    if (!found) {
      problems.push(
        `resid "${resid}" on <${element.localName}>${lineOf(element)} is not defined in <Resources>`
      );
      continue;
    }
    const kind = RESID_KIND[element.localName];
    if (kind && found.kind !== kind) {
      problems.push(
        `resid "${resid}" on <${element.localName}>${lineOf(element)} must name a bt:${kind} entry, not bt:${found.kind}`
      );
    }
  }
  return problems;
}

/** [{ url, size, where }] for IconUrl (32), HighResolutionIconUrl (64) and each sized bt:Image reference. */
function iconReferences(doc) {
  const refs = [];
  const top = [
    ["IconUrl", 32],
    ["HighResolutionIconUrl", 64],
  ];
  for (const [name, size] of top) {
    for (const e of descendants(doc, NS.app, name)) {
      refs.push({ url: e.getAttribute("DefaultValue"), size, where: `<${name}>${lineOf(e)}` });
    }
  }
  const defined = resources(doc);
  for (const e of descendants(doc, NS.bt, "Image")) {
    if (!e.hasAttribute("resid")) continue;
    const found = defined.get(e.getAttribute("resid"));
    if (found)
      refs.push({
        url: found.value,
        size: Number(e.getAttribute("size")),
        where: `<bt:Image>${lineOf(e)}`,
      });
  }
  return refs;
}

/** Width and height from a PNG's IHDR chunk, or null if the bytes are not a PNG. */
function pngSize(bytes) {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(signature)) return null;
  if (bytes.toString("ascii", 12, 16) !== "IHDR") return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** The folder of the task-pane page (DefaultSettings SourceLocation), with a trailing slash; null if absent. */
function originOf(doc) {
  const source = descendants(doc, NS.app, "DefaultSettings")
    .flatMap((settings) => elements(settings))
    .find((e) => e.localName === "SourceLocation");
  const value = source && source.getAttribute("DefaultValue");
  if (!value) return null;
  try {
    return new URL(".", value).href;
  } catch {
    return null;
  }
}

/** [{ url, where }] for every URL the manifest states. */
function manifestUrls(doc) {
  const urls = [];
  for (const element of Array.from(doc.getElementsByTagName("*"))) {
    const isResource =
      element.namespaceURI === NS.bt &&
      (element.localName === "Url" || element.localName === "Image") &&
      element.hasAttribute("id");
    if (
      (isResource || URL_ELEMENTS.includes(element.localName)) &&
      element.hasAttribute("DefaultValue")
    )
      urls.push({
        url: element.getAttribute("DefaultValue"),
        where: `<${element.tagName}>${lineOf(element)}`,
      });
  }
  return urls;
}

function checkUrls(doc) {
  const origin = originOf(doc);
  if (!origin)
    return ["no DefaultSettings <SourceLocation> with a URL: the add-in's origin is unknown"];
  const problems = [];
  if (!origin.startsWith("https://")) problems.push(`the task pane ${origin} is not https`);
  for (const { url, where } of manifestUrls(doc)) {
    if (!url.startsWith(origin))
      problems.push(`${where}: URL "${url}" is not under the add-in's origin ${origin}`);
  }
  return problems;
}

function checkIcons(doc, root = ROOT) {
  const problems = [];
  const origin = originOf(doc) ?? DEV_ORIGIN;
  for (const { url, size, where } of iconReferences(doc)) {
    if (!url || !url.startsWith(origin)) {
      problems.push(`${where}: icon URL "${url}" is not under ${origin}`);
      continue;
    }
    const file = path.join(root, url.slice(origin.length));
    if (!fs.existsSync(file)) {
      problems.push(`${where}: ${path.relative(root, file)} does not exist`);
      continue;
    }
    const found = pngSize(fs.readFileSync(file));
    if (!found) problems.push(`${where}: ${path.relative(root, file)} is not a PNG`);
    else if (found.width !== size || found.height !== size) {
      problems.push(
        `${where}: ${path.relative(root, file)} is ${found.width}x${found.height}, expected ${size}x${size}`
      );
    }
  }
  return problems;
}

/**
 * Where the icons of a manifest are: the repo (assets/) for the development
 * manifest, the manifest's own folder for a built one (dist/manifest.xml).
 */
function iconRoot(doc, file) {
  return originOf(doc) === DEV_ORIGIN || !file ? ROOT : path.dirname(path.resolve(file));
}

function checkManifest(xml, root) {
  const doc = parseManifest(xml);
  return [
    ...checkRuntimes(doc),
    ...checkResids(doc),
    ...checkUrls(doc),
    ...checkIcons(doc, root ?? ROOT),
  ];
}

/**
 * The manifest text without its <Runtimes> element(s). Each is replaced by as
 * many line breaks as it spanned, so line numbers stay right; comments are
 * skipped so a "<Runtimes>" inside one is left alone. The input must be well
 * formed (xmllint checks that first).
 */
function stripRuntimes(xml) {
  const pattern =
    /<!--[\s\S]*?-->|<(?:[\w.-]+:)?Runtimes\b[^>]*?(?:\/>|>[\s\S]*?<\/(?:[\w.-]+:)?Runtimes\s*>)/g;
  return xml.replace(pattern, (match) =>
    match.startsWith("<!--") ? match : "\n".repeat(match.split("\n").length - 1)
  );
}

function main(argv) {
  const [command, file] = argv;
  if (!["strip", "check"].includes(command) || !file) {
    console.error("usage: manifest-checks.js strip|check MANIFEST");
    return 2;
  }
  let xml;
  try {
    xml = fs.readFileSync(file, "utf8");
    if (command === "strip") {
      process.stdout.write(stripRuntimes(xml));
      return 0;
    }
    const problems = checkManifest(xml, iconRoot(parseManifest(xml), file));
    for (const problem of problems) console.error(`${file}: ${problem}`);
    if (problems.length === 0) console.log(`${file}: Runtimes, resids, URLs and icons check out`);
    return problems.length === 0 ? 0 : 1;
  } catch (error) {
    console.error(`${file}: ${error instanceof Error ? error.message : error}`);
    return 1;
  }
}

module.exports = {
  NS,
  parseManifest,
  checkRuntimes,
  checkResids,
  checkIcons,
  checkUrls,
  checkManifest,
  iconReferences,
  manifestUrls,
  originOf,
  pngSize,
  stripRuntimes,
};

if (require.main === module) process.exitCode = main(process.argv.slice(2));
