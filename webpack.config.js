/**
 * Builds the add-in into dist/:
 *   functions.js    the CS.* custom functions (src/functions/index.ts)
 *   functions.json  their metadata, generated from the JSDoc of the family files,
 *                   finished by scripts/addin-webpack.js (helpUrls, error inputs)
 *   taskpane.html   the one page of the shared runtime: loads functions.js, then taskpane.js
 *   functions.html  the function reference every helpUrl points at, and functions.css
 *                   (scripts/docs-webpack.js; no script, in no bundle)
 *   taskpane.js, taskpane.css, assets/*.png, manifest.xml, office-js/
 *
 *   ADDIN_ORIGIN=https://host/path webpack --mode production
 *       production: every manifest URL and helpUrl under that origin, the
 *       production Id, office.js from Microsoft's CDN (no office-js/ folder).
 *   webpack --mode production
 *       the same files for https://localhost:3000 with the npm copy of
 *       office.js: what the tests and the benchmark load, offline.
 *   webpack serve --mode development
 *       https://localhost:3000 with the certificates that
 *       `npx office-addin-dev-certs install` writes to ~/.office-addin-dev-certs/.
 * Production-mode builds name bundles and style sheets by content hash
 * (taskpane.3f2a9c1b.js), so a server can cache them for a year; the pages,
 * manifest.xml, functions.json and functions.js keep their names (docs/deploy.md).
 *
 * Type errors fail the build: ts-loader type-checks every bundled file.
 */
const fs = require("fs");
const os = require("os");
const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const { FunctionsPagePlugin } = require("./scripts/docs-webpack");
const { AddinOriginPlugin } = require("./scripts/addin-webpack");
const { DEV_ORIGIN, parseOrigin } = require("./scripts/addin-origin");
const { version } = require("./package.json");

const ROOT = __dirname;
const DEV_PORT = 3000;

/**
 * The files whose @customfunction JSDoc becomes functions.json. The list lives
 * in src/functions/families.json because the engine reads the same list.
 */
function functionFamilies() {
  const file = path.join(ROOT, "src", "functions", "families.json");
  const list = JSON.parse(fs.readFileSync(file, "utf8"));
  if (
    !Array.isArray(list) ||
    list.length === 0 ||
    !list.every((item) => typeof item === "string")
  ) {
    throw new Error(`${file} must be a non-empty JSON array of file paths`);
  }
  // Absolute paths: the plugin matches modules by path, whatever the cwd.
  return list.map((item) => path.resolve(ROOT, item));
}

/**
 * The files `office-addin-dev-certs install` writes (the paths are those of
 * its lib/defaults.js). They are read directly: no trust-store step runs here.
 */
function devCertificates() {
  const dir = path.join(os.homedir(), ".office-addin-dev-certs");
  const files = { ca: "ca.crt", cert: "localhost.crt", key: "localhost.key" };
  const missing = Object.values(files).filter((name) => !fs.existsSync(path.join(dir, name)));
  if (missing.length > 0) {
    console.error(
      `dev-server: no ${missing.join(", ")} in ${dir}: run \`npx office-addin-dev-certs install\` first.`
    );
    process.exit(1);
  }
  const read = (name) => fs.readFileSync(path.join(dir, name));
  return { ca: read(files.ca), cert: read(files.cert), key: read(files.key) };
}

/**
 * Production pages load office.js from Microsoft's CDN, the only source
 * Microsoft supports for a deployed add-in (it updates itself with Office).
 * Development and test builds serve the npm copy from dist/office-js/
 * instead, so the dev server and every test work offline with the version
 * pinned in package-lock.json. office.js loads its host-specific scripts from
 * its own folder, so the whole dist folder is copied, less the debug builds
 * and typings. Each page's Content-Security-Policy allows exactly the one
 * script source it uses.
 */
const OFFICE_JS_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const officeJsDir = path.join(
  path.dirname(require.resolve("@microsoft/office-js/package.json")),
  "dist"
);

/** The origin from ADDIN_ORIGIN (production) or the dev server's; a bad origin stops with one line. */
function buildOrigin(dev) {
  const raw = process.env.ADDIN_ORIGIN;
  if (raw === undefined || raw === "") return { origin: DEV_ORIGIN, production: false };
  if (dev) {
    console.error(
      "ADDIN_ORIGIN is for production builds (npm run build); the dev server is https://localhost:3000."
    );
    process.exit(1);
  }
  try {
    return { origin: parseOrigin(raw), production: true };
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}

module.exports = (env, argv) => {
  const dev = argv.mode === "development";
  const serve = Boolean(env && env.WEBPACK_SERVE);
  const { origin, production } = buildOrigin(dev);
  const hashed = !dev;

  return {
    context: ROOT,
    entry: {
      functions: "./src/functions/index.ts",
      taskpane: "./src/taskpane/taskpane.ts",
    },
    output: {
      path: path.join(ROOT, "dist"),
      filename: hashed ? "[name].[contenthash:8].js" : "[name].js",
      clean: true,
    },
    // Never "eval": the task pane's CSP forbids it.
    devtool: "source-map",
    resolve: {
      extensions: [".ts", ".js", ".json"],
    },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: {
              configFile: path.join(ROOT, "tsconfig.json"),
              // Report type errors of bundled files only (tests are checked by `npm run typecheck`).
              onlyCompileBundledFiles: true,
              // ES modules let webpack tree-shake; tsconfig keeps commonjs for Jest and node.
              compilerOptions: { module: "es2020", sourceMap: true },
            },
          },
        },
      ],
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({
        output: "functions.json",
        input: functionFamilies(),
      }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        // The functions must be registered before any task-pane code runs.
        chunks: ["functions", "taskpane"],
        chunksSortMode: "manual",
        scriptLoading: "defer",
        templateParameters: {
          officeJs: production ? OFFICE_JS_CDN : "office-js/office.js",
          // office.js then loads its host scripts from its own folder on the CDN.
          scriptSrc: production ? `'self' ${new URL(".", OFFICE_JS_CDN).href}` : "'self'",
          // The dev server's live-reload socket; nothing extra otherwise.
          connectSrc: dev ? `'self' wss://localhost:${DEV_PORT}` : "'self'",
        },
      }),
      // functions.html + functions.css, rendered like docs/functions.md (npm run docs).
      new FunctionsPagePlugin(),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "manifest.xml", to: "manifest.xml" },
          { from: "src/taskpane/taskpane.css", to: "taskpane.css" },
          ...(production
            ? []
            : [
                {
                  from: officeJsDir,
                  to: "office-js",
                  globOptions: { ignore: ["**/*.debug.js", "**/*.d.ts", "**/office-vsdoc.js"] },
                  info: { minimized: true },
                },
              ]),
        ],
      }),
      new AddinOriginPlugin({ origin, production, version, hashed }),
    ],
    performance: {
      // The copied office-js files are Microsoft's; size hints are for our bundles.
      assetFilter: (name) => name.endsWith(".js") && !name.startsWith("office-js/"),
    },
    devServer: serve
      ? {
          port: DEV_PORT,
          server: { type: "https", options: devCertificates() },
          headers: { "Access-Control-Allow-Origin": "*" },
          static: false,
          client: { webSocketURL: `wss://localhost:${DEV_PORT}/ws` },
        }
      : undefined,
  };
};
