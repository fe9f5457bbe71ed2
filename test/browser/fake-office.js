/* global window, setTimeout */
/*
 * A stand-in for office.js in the browser tests of the pane's workbook
 * buttons, served in place of office-js/office.js after fake-excel.js
 * (test/helpers), whose FakeWorkbook holds Excel on the web's limits: a sync
 * over 5 MB of request or response, or a read over 5,000,000 cells, is
 * refused with a RichApi-like error, so a pane batch that would fail on the
 * web fails here.
 *
 * Office.onReady reports Excel, and Excel.run hands the batch the context of
 * a workbook made from window.fakeWorkbook (set by the test before the page
 * loads): `sheets` names its sheets, `grids` gives some of them cells (name
 * -> formulas, row by row) and `selection` is the selected export (on the
 * first sheet, from A1); `hiddenRows` gives a sheet's hidden rows (name ->
 * 0-based indexes); `hidden` lists hidden sheets and `tables` names
 * tables (table -> sheet). The plan sheets a build adds are recorders: every
 * property set and call on them is recorded by its path in
 * window.fakeWorkbook.writes (and its bytes count on the batch), so a test
 * can see what a build would write, or that a cancelled one wrote nothing.
 * Sheets are renamed, hidden, moved, added and deleted as in Excel (applied
 * at the sync, refused as Excel refuses them); sheetsNow(), tablesNow() and
 * activeNow() say what the workbook holds. CustomFunctions records what the
 * functions bundle associates.
 */
(function () {
  var state = window.fakeWorkbook || { sheets: ["Sheet1"], selection: [[""]] };
  state.writes = [];
  state.runs = 0;
  window.fakeWorkbook = state;
  var grids = state.grids || {};
  var names = state.sheets || ["Sheet1"];
  var selection = state.selection || [[""]];
  var hiddenRows = state.hiddenRows || {};
  var specs = names.map(function (name, i) {
    return {
      name: name,
      formulas: grids[name] || (i === 0 ? selection : []),
      hiddenRows: hiddenRows[name] || [],
    };
  });
  var book = new window.FakeExcel.FakeWorkbook(specs, {
    selection: {
      sheet: names[0],
      row: 0,
      col: 0,
      rows: selection.length,
      cols: selection[0] ? selection[0].length : 1,
    },
  });
  state.stats = book.stats;
  var jsonBytes = window.FakeExcel.jsonBytes;

  var richApiError = window.FakeExcel.richApiError;
  // Runs at the sync, in the batch's order (as Excel runs a batch): a step
  // that throws refuses the rest of the batch, the steps before it stay done.
  function queue(step) {
    book.pending.writes.push(step);
  }

  // The workbook's sheets in order, as a build changes them. A record is a
  // sheet of the fake workbook (cells a test can read back) or a sheet a
  // build added (a recorder). Renames, hiding, moves, adds and deletes are
  // applied at the sync, and refused as Excel refuses them: a name taken by
  // another sheet (names compare without case), hiding the last visible
  // sheet, a table name taken by another table.
  var hidden = state.hidden || [];
  var records = names.map(function (name) {
    return {
      name: name,
      visibility: hidden.indexOf(name) >= 0 ? "Hidden" : "Visible",
      book: book.sheet(name),
      deleted: false,
    };
  });
  var active = records[0];
  // Tables: { name -> sheet name } given by the test; tables a build adds are registered when named.
  var tables = Object.keys(state.tables || {}).map(function (name) {
    return {
      name: name,
      record: records.filter(function (r) {
        return r.name === state.tables[name];
      })[0],
    };
  });
  function taken(name, except) {
    return records.some(function (r) {
      return r !== except && r.name.toLowerCase() === String(name).toLowerCase();
    });
  }
  function tableTaken(name, except) {
    return tables.some(function (t) {
      return t !== except && t.name.toLowerCase() === String(name).toLowerCase();
    });
  }
  function remove(record) {
    var visible = records.filter(function (r) {
      return r.visibility === "Visible";
    });
    if (record.visibility === "Visible" && visible.length === 1)
      throw richApiError("InvalidArgument", "(the last visible sheet cannot be deleted)");
    records = records.filter(function (r) {
      return r !== record;
    });
    tables = tables.filter(function (t) {
      return t.record !== record;
    });
    record.deleted = true;
    if (active === record)
      active = records.filter(function (r) {
        return r.visibility === "Visible";
      })[0];
  }
  state.sheetsNow = function () {
    return records.map(function (r) {
      return { name: r.name, visibility: r.visibility };
    });
  };
  state.tablesNow = function () {
    return tables.map(function (t) {
      return { name: t.name, sheet: t.record.name };
    });
  };
  state.activeNow = function () {
    return active ? active.name : null;
  };
  // Kept for the tests that list the sheet names only.
  Object.defineProperty(state, "sheetNames", {
    get: function () {
      return records.map(function (r) {
        return r.name;
      });
    },
  });

  // Anything the plan builder writes on the sheets it adds (ranges, formats,
  // tables, charts): every property set and call is recorded by its path, and
  // returns another recorder, so the whole build runs without a real sheet.
  // A test may make the sync of a batch that writes to a sheet fail
  // (state.failWritesTo = "CS Books"), as Excel refuses a batch.
  function recorder(path, record) {
    return new Proxy(function () {}, {
      get: function (_target, prop) {
        if (typeof prop === "symbol" || prop === "then") return undefined;
        return recorder(path + "." + prop, record);
      },
      set: function (_target, prop, value) {
        var rows = Array.isArray(value) ? " (" + value.length + " rows)" : "";
        state.writes.push(path + "." + String(prop) + rows);
        book.request(jsonBytes(value));
        if (state.failWritesTo && path.indexOf(state.failWritesTo + ".") === 0)
          queue(function () {
            throw richApiError(
              "InvalidArgument",
              "(a write refused on " + state.failWritesTo + ")"
            );
          });
        if (prop === "name" && /\.tables\.add\(\)$/.test(path))
          queue(function () {
            if (tableTaken(value)) throw richApiError("ItemAlreadyExists", "(table " + value + ")");
            tables.push({ name: value, record: record });
          });
        return true;
      },
      apply: function () {
        state.writes.push(path + "()");
        book.request(0);
        return recorder(path + "()", record);
      },
    });
  }

  /** A sheet as Office.js gives it: its name, visibility and position, and what can be done to it. */
  function handle(record) {
    var base = record.book
      ? book.worksheet(record.book)
      : new Proxy(recorder(record.name, record), {
          get: function (target, prop) {
            // A sheet a build added holds nothing the fake reads back: an empty sheet.
            if (prop === "getUsedRangeOrNullObject")
              return function () {
                return book.nullRange();
              };
            return target[prop];
          },
        });
    return new Proxy(base, {
      get: function (target, prop) {
        if (prop === "name") return record.name;
        if (prop === "visibility") return record.visibility;
        if (prop === "position") return records.indexOf(record);
        if (prop === "isNullObject") return false;
        if (prop === "load")
          return function () {
            book.request(0);
          };
        if (prop === "delete")
          return function () {
            state.writes.push("worksheet.delete " + record.name);
            book.request(0);
            queue(function () {
              remove(record);
            });
          };
        if (prop === "activate")
          return function () {
            state.writes.push(record.name + ".activate()");
            book.request(0);
            queue(function () {
              if (record.visibility !== "Visible")
                throw richApiError("InvalidArgument", "(a hidden sheet cannot be activated)");
              active = record;
            });
          };
        return target[prop];
      },
      set: function (target, prop, value) {
        if (prop === "name") {
          state.writes.push("worksheet.rename " + record.name + " -> " + value);
          book.request(jsonBytes(value));
          queue(function () {
            if (record.deleted) throw richApiError("ItemNotFound", "(a deleted sheet)");
            if (taken(value, record))
              throw richApiError("ItemAlreadyExists", "(sheet " + value + ")");
            record.name = value;
            if (record.book) record.book.name = value;
          });
          return true;
        }
        if (prop === "visibility") {
          state.writes.push("worksheet.visibility " + record.name + " = " + value);
          book.request(jsonBytes(value));
          queue(function () {
            var others = records.filter(function (r) {
              return r !== record && r.visibility === "Visible";
            });
            if (value !== "Visible" && others.length === 0)
              throw richApiError("InvalidArgument", "(the last visible sheet cannot be hidden)");
            record.visibility = value;
            if (value !== "Visible" && active === record) active = others[0];
          });
          return true;
        }
        if (prop === "position") {
          state.writes.push("worksheet.position " + record.name + " = " + value);
          book.request(jsonBytes(value));
          queue(function () {
            var rest = records.filter(function (r) {
              return r !== record;
            });
            rest.splice(Math.min(value, rest.length), 0, record);
            records = rest;
          });
          return true;
        }
        target[prop] = value;
        return true;
      },
    });
  }

  var worksheets = book.context.workbook.worksheets;
  Object.defineProperty(worksheets, "items", {
    get: function () {
      return records.map(handle);
    },
  });
  worksheets.add = function (name) {
    state.writes.push("worksheets.add " + name);
    book.request(jsonBytes(name));
    var record = { name: name, visibility: "Visible", book: null, deleted: false };
    queue(function () {
      if (taken(name)) throw richApiError("ItemAlreadyExists", "(sheet " + name + ")");
      records.push(record);
    });
    return handle(record);
  };
  function find(name) {
    return records.filter(function (r) {
      return r.name.toLowerCase() === String(name).toLowerCase();
    })[0];
  }
  worksheets.getItemOrNullObject = function (name) {
    book.request(jsonBytes(name));
    var record = find(name);
    if (record) return handle(record);
    return {
      isNullObject: true,
      load: function () {
        book.request(0);
      },
      delete: function () {
        state.writes.push("worksheet.delete " + name);
        book.request(0);
      },
    };
  };
  worksheets.getItem = function (name) {
    book.request(jsonBytes(name));
    var record = find(name);
    if (!record) throw richApiError("ItemNotFound", "(sheet " + name + ")");
    return handle(record);
  };
  worksheets.getActiveWorksheet = function () {
    book.request(0);
    return handle(active);
  };
  function tableHandle(table) {
    return {
      isNullObject: false,
      load: function () {
        book.request(0);
      },
      get name() {
        return table.name;
      },
      set name(value) {
        state.writes.push("table.rename " + table.name + " -> " + value);
        book.request(jsonBytes(value));
        queue(function () {
          if (tableTaken(value, table))
            throw richApiError("ItemAlreadyExists", "(table " + value + ")");
          table.name = value;
        });
      },
      get worksheet() {
        return handle(table.record);
      },
    };
  }
  function findTable(name) {
    return tables.filter(function (t) {
      return t.name.toLowerCase() === String(name).toLowerCase();
    })[0];
  }
  book.context.workbook.tables = {
    load: function () {
      book.request(0);
    },
    get items() {
      return tables.map(tableHandle);
    },
    getItem: function (name) {
      book.request(jsonBytes(name));
      var table = findTable(name);
      if (!table) throw richApiError("ItemNotFound", "(table " + name + ")");
      return tableHandle(table);
    },
    getItemOrNullObject: function (name) {
      book.request(jsonBytes(name));
      var table = findTable(name);
      return table
        ? tableHandle(table)
        : {
            isNullObject: true,
            load: function () {
              book.request(0);
            },
          };
    },
  };
  // A test may slow each sync down, or hold syncs (state.hold = true) until it
  // lets them go, to act while a build runs (look at the pane, press Cancel).
  var sync = book.context.sync;
  function wait(ms) {
    return new Promise(function (resolve) {
      setTimeout(resolve, ms);
    });
  }
  function held() {
    return state.hold ? wait(20).then(held) : Promise.resolve();
  }
  book.context.sync = function () {
    if (!state.syncDelay && !state.hold) return sync();
    return wait(state.syncDelay || 0)
      .then(held)
      .then(sync);
  };
  var settingsAdd = book.context.workbook.settings.add;
  book.context.workbook.settings.add = function (key, value) {
    state.writes.push("settings.add");
    return settingsAdd(key, value);
  };

  // As in Excel's shared runtime: the functions bundle registers its functions.
  state.associated = [];
  window.CustomFunctions = {
    associate: function (id) {
      state.associated.push(id);
    },
    ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" },
    Error: function (code, message) {
      this.code = code;
      this.message = message;
    },
  };
  window.Office = {
    HostType: { Excel: "Excel" },
    onReady: function (callback) {
      var info = { host: "Excel", platform: "OfficeOnline" };
      setTimeout(function () {
        callback(info);
      }, 0);
      return Promise.resolve(info);
    },
  };
  window.Excel = {
    run: function (batch) {
      state.runs += 1;
      return batch(book.context);
    },
  };
})();
