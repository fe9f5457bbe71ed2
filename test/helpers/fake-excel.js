/* global TextEncoder */
/*
 * A small in-memory Excel workbook for the pane's tests (jest, and the
 * browser tests through fake-office.js), with Office.js's batching: reads are
 * queued by load() and readable only after context.sync(); writes are queued
 * and applied at the sync. Every sync is held to Excel on the web's limits
 * and refused, with a RichApi-like error and nothing applied, as Excel
 * refuses it, so a pane batch that would fail on the web fails here.
 *
 * The limits, from Microsoft's "Resource limits and performance optimization
 * for Office Add-ins", section "Excel add-ins"
 * (https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins):
 * "Excel on the web has a payload size limit for requests and responses of
 * 5MB. RichAPI.Error will be thrown if that limit is exceeded." and "A range
 * is limited to 5,000,000 cells for read operations." The error codes and
 * messages are those of the Excel JavaScript API's error list
 * (RequestPayloadSizeLimitExceeded, ResponsePayloadSizeLimitExceeded,
 * RangeExceedsLimit). 5MB is taken as 5,000,000 bytes (the stricter
 * reading); payloads are measured as the UTF-8 JSON of what is sent or
 * read, plus a small envelope per operation.
 */
(function (root) {
  var LIMITS = { payloadBytes: 5000000, readCells: 5000000, envelopeBytes: 100 };
  var ERRORS = {
    RequestPayloadSizeLimitExceeded: "The request payload size has exceeded the limit.",
    ResponsePayloadSizeLimitExceeded: "The response payload size has exceeded the limit.",
    RangeExceedsLimit: "The cell count in the range has exceeded the maximum supported number.",
    ItemNotFound: "The requested resource doesn't exist.",
    ItemAlreadyExists: "The resource with the same name or identifier already exists.",
    InvalidArgument: "The argument is invalid or missing or has an incorrect format.",
    InvalidSelection: "The current selection is invalid for this operation.",
  };

  function richApiError(code, detail) {
    var error = new Error(ERRORS[code] + " " + detail);
    error.name = "RichApi.Error";
    error.code = code;
    return error;
  }

  var encoder = typeof Buffer === "undefined" ? new TextEncoder() : null;
  function jsonBytes(value) {
    var text = JSON.stringify(value === undefined ? null : value);
    return encoder ? encoder.encode(text).length : Buffer.byteLength(text, "utf8");
  }

  /**
   * A sheet: its cells' formulas (a constant is its own formula) and values,
   * row by row, and their number formats ("General" where none is given).
   */
  function Sheet(name, formulas, values, numberFormats, hiddenRows, merges) {
    this.name = name;
    this.formulas = formulas || [];
    this.values = values || null;
    this.numberFormats = numberFormats || [];
    // 0-based indexes of the rows hidden (filtered out, collapsed or hidden by hand).
    this.hiddenRows = new Set(hiddenRows || []);
    // Merged areas, 0-based: { row, col, rows, cols }.
    this.merges = merges || [];
  }
  Sheet.prototype.rowIsHidden = function (row) {
    return this.hiddenRows.has(row);
  };
  function filled(cell) {
    return cell !== undefined && cell !== null && cell !== "";
  }
  /** The used range: from the first to the last row and column holding anything, or null. */
  Sheet.prototype.used = function () {
    var top = -1,
      bottom = -1,
      left = Infinity,
      right = -1;
    for (var r = 0; r < this.formulas.length; r++) {
      var line = this.formulas[r];
      for (var c = 0; c < line.length; c++) {
        if (!filled(line[c])) continue;
        if (top < 0) top = r;
        bottom = r;
        if (c < left) left = c;
        if (c > right) right = c;
      }
    }
    return top < 0 ? null : { row: top, col: left, rows: bottom - top + 1, cols: right - left + 1 };
  };
  Sheet.prototype.cell = function (kind, row, col) {
    if (kind === "numberFormat") {
      var formats = this.numberFormats[row];
      return (formats && formats[col]) || "General";
    }
    var line = (kind === "values" && this.values ? this.values : this.formulas)[row];
    var cell = line === undefined ? undefined : line[col];
    if (cell === undefined || cell === null) return "";
    // Without given values, a formula shows 0 (nothing here computes).
    if (kind === "values" && !this.values && typeof cell === "string" && cell[0] === "=") return 0;
    return cell;
  };
  Sheet.prototype.write = function (kind, row, col, grid) {
    for (var r = 0; r < grid.length; r++) {
      while (this.formulas.length <= row + r) this.formulas.push([]);
      for (var c = 0; c < grid[r].length; c++) {
        this.formulas[row + r][col + c] = grid[r][c];
        if (this.values) {
          while (this.values.length <= row + r) this.values.push([]);
          // A re-entered formula is computed again: no value until Excel has one.
          this.values[row + r][col + c] = kind === "formulas" ? 0 : grid[r][c];
        }
      }
    }
  };

  /**
   * A workbook of sheets ({ name: formulas grid } or [{ name, formulas,
   * values }]). `book.context` is its RequestContext; `book.stats` counts
   * syncs, the largest request and response, and the refused syncs.
   */
  function FakeWorkbook(sheets, options) {
    var self = this;
    var list = Array.isArray(sheets)
      ? sheets
      : Object.keys(sheets || {}).map(function (name) {
          return { name: name, formulas: sheets[name] };
        });
    this.sheets = list.map(function (s) {
      return new Sheet(s.name, s.formulas, s.values, s.numberFormats, s.hiddenRows, s.merges);
    });
    this.limits = Object.assign({}, LIMITS, (options && options.limits) || {});
    this.stats = {
      syncs: 0,
      largestRequest: 0,
      largestResponse: 0,
      largestRead: 0,
      refused: [],
      writes: [],
    };
    this.pending = { requestBytes: 0, writes: [], loads: [] };
    var selection = options && options.selection;
    this.settings = Object.assign({}, (options && options.settings) || {});
    this.context = {
      workbook: {
        worksheets: this.worksheets(),
        settings: this.settingsCollection(),
        // The selected range: { sheet, row, col, rows, cols } (0-based), when the test gives one.
        getSelectedRange: function () {
          self.request(0);
          if (!selection) throw richApiError("InvalidSelection", "(no selection)");
          var sheet = self.sheet(selection.sheet);
          return self.range(sheet, selection.row, selection.col, selection.rows, selection.cols);
        },
      },
      sync: function () {
        return self.sync();
      },
    };
  }

  FakeWorkbook.prototype.sheet = function (name) {
    return this.sheets.filter(function (s) {
      return s.name === name;
    })[0];
  };

  /** Queues an operation's bytes on the next request. */
  FakeWorkbook.prototype.request = function (bytes) {
    this.pending.requestBytes += this.limits.envelopeBytes + bytes;
  };

  /** Workbook settings (key -> value), with Office.js's null objects for missing keys. */
  FakeWorkbook.prototype.settingsCollection = function () {
    var book = this;
    return {
      getItemOrNullObject: function (key) {
        book.request(jsonBytes(key));
        var loaded = false;
        var item = {
          load: function () {
            book.request(0);
            book.pending.loads.push({
              cells: 0,
              read: function () {
                return Object.prototype.hasOwnProperty.call(book.settings, key)
                  ? book.settings[key]
                  : null;
              },
              apply: function () {
                loaded = true;
              },
            });
          },
          get isNullObject() {
            if (!loaded) throw notLoaded("isNullObject");
            return !Object.prototype.hasOwnProperty.call(book.settings, key);
          },
          get value() {
            if (!loaded) throw notLoaded("value");
            if (item.isNullObject) throw richApiError("ItemNotFound", "(" + key + ")");
            return book.settings[key];
          },
        };
        return item;
      },
      add: function (key, value) {
        book.request(jsonBytes([key, value]));
        book.pending.writes.push(function () {
          book.settings[key] = value;
        });
      },
    };
  };

  FakeWorkbook.prototype.worksheets = function () {
    var book = this;
    var collection = {
      load: function () {
        book.request(0);
      },
      get items() {
        return book.sheets.map(function (s) {
          return book.worksheet(s);
        });
      },
      getItem: function (name) {
        book.request(jsonBytes(name));
        var sheet = book.sheet(name);
        if (!sheet) throw richApiError("ItemNotFound", name);
        return book.worksheet(sheet);
      },
    };
    return collection;
  };

  FakeWorkbook.prototype.worksheet = function (sheet) {
    var book = this;
    return {
      name: sheet.name,
      getRangeByIndexes: function (row, col, rows, cols) {
        book.request(0);
        return book.range(sheet, row, col, rows, cols);
      },
      getUsedRangeOrNullObject: function () {
        book.request(0);
        var used = sheet.used();
        if (used === null) return book.nullRange();
        return book.range(sheet, used.row, used.col, used.rows, used.cols);
      },
      getUsedRange: function () {
        book.request(0);
        // An empty sheet's used range is A1, as in Excel.
        var used = sheet.used() || { row: 0, col: 0, rows: 1, cols: 1 };
        return book.range(sheet, used.row, used.col, used.rows, used.cols);
      },
    };
  };

  FakeWorkbook.prototype.nullRange = function () {
    var loaded = false;
    var book = this;
    return {
      load: function () {
        book.request(0);
        book.pending.loads.push({
          bytes: 20,
          cells: 0,
          apply: function () {
            loaded = true;
          },
        });
      },
      get isNullObject() {
        if (!loaded) throw notLoaded("isNullObject");
        return true;
      },
    };
  };

  function notLoaded(property) {
    return new Error(
      "The property '" +
        property +
        "' is not available. Before reading the property's value, call the load method on the containing object and call \"context.sync()\" on the associated request context."
    );
  }

  function a1(row, col) {
    var letters = "";
    for (var n = col + 1; n > 0; n = Math.floor((n - 1) / 26))
      letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
    return letters + (row + 1);
  }

  /** The properties a load() names: "a, b" or ["a", "b"]. */
  function propertyNames(what) {
    return (Array.isArray(what) ? what : String(what).split(","))
      .map(function (p) {
        return p.trim();
      })
      .filter(Boolean);
  }

  var SHAPE = [
    "rowIndex",
    "columnIndex",
    "rowCount",
    "columnCount",
    "address",
    "isNullObject",
    "rowHidden",
  ];

  /**
   * Range.getMergedAreasOrNullObject() (ExcelApi 1.13): the merged areas that
   * meet the range, a null object when none does; its areaCount and its
   * areas' shapes load like a range's.
   */
  FakeWorkbook.prototype.mergedAreas = function (sheet, row, col, rows, cols) {
    var book = this;
    var meeting = sheet.merges.filter(function (m) {
      return (
        m.row < row + rows && m.row + m.rows > row && m.col < col + cols && m.col + m.cols > col
      );
    });
    var loaded = {};
    var itemsLoaded = false;
    var shapes = ["rowIndex", "columnIndex", "rowCount", "columnCount"];
    var items = meeting.map(function (m) {
      var item = {};
      var values = { rowIndex: m.row, columnIndex: m.col, rowCount: m.rows, columnCount: m.cols };
      shapes.forEach(function (name) {
        Object.defineProperty(item, name, {
          get: function () {
            if (!itemsLoaded) throw notLoaded(name);
            return values[name];
          },
        });
      });
      return item;
    });
    var areas = {
      load: function () {
        book.request(0);
        book.pending.loads.push({
          cells: 0,
          read: function () {
            return meeting;
          },
          apply: function () {
            itemsLoaded = true;
          },
        });
        return areas;
      },
    };
    Object.defineProperty(areas, "items", {
      get: function () {
        if (!itemsLoaded) throw notLoaded("items");
        return items;
      },
    });
    var result = {
      load: function () {
        book.request(0);
        book.pending.loads.push({
          cells: 0,
          read: function () {
            return meeting.length;
          },
          apply: function (count) {
            loaded.areaCount = count;
          },
        });
        return result;
      },
      areas: areas,
    };
    Object.defineProperty(result, "isNullObject", {
      get: function () {
        if (!("areaCount" in loaded)) throw notLoaded("isNullObject");
        return loaded.areaCount === 0;
      },
    });
    Object.defineProperty(result, "areaCount", {
      get: function () {
        if (!("areaCount" in loaded)) throw notLoaded("areaCount");
        if (loaded.areaCount === 0) throw richApiError("ItemNotFound", "(a null object)");
        return loaded.areaCount;
      },
    });
    return result;
  };

  /**
   * Range.getVisibleView() (ExcelApi 1.3): the range's rows that are not
   * hidden; its cellAddresses and rowCount load like a range's properties,
   * and a read counts its visible cells against the limit.
   */
  FakeWorkbook.prototype.visibleView = function (sheet, row, col, rows, cols) {
    var book = this;
    var loaded = {};
    function visibleRows() {
      var out = [];
      for (var r = row; r < row + rows; r++) if (!sheet.rowIsHidden(r)) out.push(r);
      return out;
    }
    var view = {
      load: function (what) {
        var names = propertyNames(what);
        book.request(jsonBytes(names));
        names.forEach(function (name) {
          if (name !== "cellAddresses" && name !== "rowCount")
            throw new Error("fake RangeView: " + name + " is not modelled");
          book.pending.loads.push({
            property: name,
            cells: name === "cellAddresses" ? visibleRows().length * cols : 0,
            read: function () {
              var shown = visibleRows();
              if (name === "rowCount") return shown.length;
              return shown.map(function (r) {
                var line = [];
                for (var c = col; c < col + cols; c++) line.push(sheet.name + "!" + a1(r, c));
                return line;
              });
            },
            apply: function (value) {
              loaded[name] = value;
            },
          });
        });
        return view;
      },
    };
    ["cellAddresses", "rowCount"].forEach(function (name) {
      Object.defineProperty(view, name, {
        get: function () {
          if (!(name in loaded)) throw notLoaded(name);
          return loaded[name];
        },
      });
    });
    return view;
  };

  FakeWorkbook.prototype.range = function (sheet, row, col, rows, cols) {
    var book = this;
    var loaded = {};
    function grid(kind) {
      var out = new Array(rows);
      for (var r = 0; r < rows; r++) {
        var line = new Array(cols);
        for (var c = 0; c < cols; c++) line[c] = sheet.cell(kind, row + r, col + c);
        out[r] = line;
      }
      return out;
    }
    function shape(property) {
      if (property === "rowIndex") return row;
      if (property === "columnIndex") return col;
      if (property === "rowCount") return rows;
      if (property === "columnCount") return cols;
      if (property === "isNullObject") return false;
      if (property === "rowHidden") {
        // true when every row is hidden, false when none is, null when some are (as Office.js).
        var hidden = 0;
        for (var r = row; r < row + rows; r++) if (sheet.rowIsHidden(r)) hidden++;
        return hidden === rows ? true : hidden === 0 ? false : null;
      }
      return (
        sheet.name +
        "!" +
        a1(row, col) +
        (rows * cols > 1 ? ":" + a1(row + rows - 1, col + cols - 1) : "")
      );
    }
    /** Range.numberFormat set: one format for the whole range, or a grid of them. */
    function writeFormats(formats) {
      book.request(jsonBytes(formats));
      book.pending.writes.push(function () {
        for (var r = 0; r < rows; r++) {
          while (sheet.numberFormats.length <= row + r) sheet.numberFormats.push([]);
          for (var c = 0; c < cols; c++)
            sheet.numberFormats[row + r][col + c] = Array.isArray(formats)
              ? formats[r][c]
              : formats;
        }
      });
    }
    function write(kind) {
      return function (grid) {
        if (
          !Array.isArray(grid) ||
          grid.length !== rows ||
          grid.some(function (line) {
            return !Array.isArray(line) || line.length !== cols;
          })
        )
          throw richApiError(
            "InvalidArgument",
            "The number of rows or columns in the input array doesn't match the size or dimensions of the range."
          );
        book.request(jsonBytes(grid));
        book.pending.writes.push(function () {
          sheet.write(kind, row, col, grid);
          book.stats.writes.push({
            sheet: sheet.name,
            kind: kind,
            row: row,
            col: col,
            rows: rows,
            cols: cols,
          });
        });
      };
    }
    var range = {
      load: function (what) {
        var names = propertyNames(what);
        book.request(jsonBytes(names));
        names.forEach(function (name) {
          var isGrid = name === "values" || name === "formulas" || name === "numberFormat";
          book.pending.loads.push({
            property: name,
            cells: isGrid ? rows * cols : 0,
            read: function () {
              return isGrid ? grid(name) : shape(name);
            },
            apply: function (value) {
              loaded[name] = value;
            },
          });
        });
        return range;
      },
      getCell: function (r, c) {
        book.request(0);
        return book.range(sheet, row + r, col + c, 1, 1);
      },
      getResizedRange: function (extraRows, extraCols) {
        book.request(0);
        return book.range(sheet, row, col, rows + extraRows, cols + extraCols);
      },
      getColumn: function (c) {
        book.request(0);
        return book.range(sheet, row, col + c, rows, 1);
      },
      getVisibleView: function () {
        book.request(0);
        return book.visibleView(sheet, row, col, rows, cols);
      },
      getMergedAreasOrNullObject: function () {
        book.request(0);
        return book.mergedAreas(sheet, row, col, rows, cols);
      },
      worksheet: book.worksheet(sheet),
    };
    ["values", "formulas", "numberFormat"].concat(SHAPE).forEach(function (name) {
      Object.defineProperty(range, name, {
        get: function () {
          // As in Office.js, isNullObject is known after any load of the object has been synced.
          if (name === "isNullObject" && Object.keys(loaded).length > 0) return false;
          if (!(name in loaded)) throw notLoaded(name);
          return loaded[name];
        },
        set:
          name === "values" || name === "formulas"
            ? write(name)
            : name === "numberFormat"
              ? writeFormats
              : undefined,
      });
    });
    return range;
  };

  /** Sends the queued batch: refused whole when over a limit, as Excel on the web refuses it. */
  FakeWorkbook.prototype.sync = function () {
    var pending = this.pending;
    this.pending = { requestBytes: 0, writes: [], loads: [] };
    this.stats.syncs += 1;
    var limits = this.limits;
    var stats = this.stats;
    var refuse = function (code, detail) {
      stats.refused.push(code);
      return Promise.reject(richApiError(code, detail));
    };
    if (pending.requestBytes > limits.payloadBytes)
      return refuse("RequestPayloadSizeLimitExceeded", "(" + pending.requestBytes + " bytes)");
    for (var i = 0; i < pending.loads.length; i++)
      if (pending.loads[i].cells > limits.readCells)
        return refuse("RangeExceedsLimit", "(" + pending.loads[i].cells + " cells)");
    var results = [];
    var responseBytes = 0;
    var cells = 0;
    pending.loads.forEach(function (load) {
      var value = load.read ? load.read() : undefined;
      responseBytes += limits.envelopeBytes + (load.read ? jsonBytes(value) : load.bytes);
      cells += load.cells;
      results.push(value);
    });
    if (responseBytes > limits.payloadBytes)
      return refuse("ResponsePayloadSizeLimitExceeded", "(" + responseBytes + " bytes)");
    stats.largestRequest = Math.max(stats.largestRequest, pending.requestBytes);
    stats.largestResponse = Math.max(stats.largestResponse, responseBytes);
    stats.largestRead = Math.max(stats.largestRead, cells);
    // Reads see the workbook as it was before the batch's writes (the pane never mixes them in one batch).
    pending.writes.forEach(function (apply) {
      apply();
    });
    pending.loads.forEach(function (load, k) {
      load.apply(results[k]);
    });
    return Promise.resolve();
  };

  var api = {
    FakeWorkbook: FakeWorkbook,
    LIMITS: LIMITS,
    jsonBytes: jsonBytes,
    richApiError: richApiError,
  };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.FakeExcel = api;
})(typeof globalThis !== "undefined" ? globalThis : this);
