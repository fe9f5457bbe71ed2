/**
 * Builds the add-in into dist/:
 *   functions.js    the CS.* custom functions (src/functions/index.ts)
 *   functions.json  their metadata, generated from the JSDoc of the family files
 *   taskpane.html   the one page of the shared runtime: loads functions.js, then taskpane.js
 *   functions.html  the function reference every helpUrl points at, and functions.css
 *                   (scripts/docs-webpack.js; no script, in no bundle)
 *   taskpane.js, taskpane.css, assets/*.png, manifest.xml, office-js/
 *
 *   webpack --mode production     no certificates needed
 *   webpack serve --mode development
 *       https://localhost:3000 with the certificates that
 *       `npx office-addin-dev-certs install` writes to ~/.office-addin-dev-certs/.
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
 * office.js is served from dist/office-js/ instead of Microsoft's CDN: the
 * build and the dev server then work offline, the version is the one pinned
 * in package-lock.json, and the task pane's Content-Security-Policy can stay
 * at script-src 'self'. (An add-in listed in AppSource must use the CDN;
 * change the script tag in taskpane.html and the CSP if it ever is.)
 * office.js loads its host-specific scripts from its own folder, so the
 * whole dist folder is copied, less the debug builds and typings.
 */
const officeJsDir = path.join(
  path.dirname(require.resolve("@microsoft/office-js/package.json")),
  "dist"
);

module.exports = (env, argv) => {
  const dev = argv.mode === "development";
  const serve = Boolean(env && env.WEBPACK_SERVE);

  return {
    context: ROOT,
    entry: {
      functions: "./src/functions/index.ts",
      taskpane: "./src/taskpane/taskpane.ts",
    },
    output: {
      path: path.join(ROOT, "dist"),
      filename: "[name].js",
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
          // The dev server's live-reload socket; nothing extra in production.
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
          {
            from: officeJsDir,
            to: "office-js",
            globOptions: { ignore: ["**/*.debug.js", "**/*.d.ts", "**/office-vsdoc.js"] },
            info: { minimized: true },
          },
        ],
      }),
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
