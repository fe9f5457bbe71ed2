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
 * first sheet, from A1). The plan sheets a build adds are recorders: every
 * property set and call on them is recorded by its path in
 * window.fakeWorkbook.writes (and its bytes count on the batch), so a test
 * can see what a build would write, or that a cancelled one wrote nothing.
 * CustomFunctions records what the functions bundle associates.
 */
(function () {
  var state = window.fakeWorkbook || { sheets: ["Sheet1"], selection: [[""]] };
  state.writes = [];
  state.runs = 0;
  window.fakeWorkbook = state;
  var grids = state.grids || {};
  var names = state.sheets || ["Sheet1"];
  var selection = state.selection || [[""]];
  var specs = names.map(function (name, i) {
    return { name: name, formulas: grids[name] || (i === 0 ? selection : []) };
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

  // Anything the plan builder writes on the sheets it adds (ranges, formats,
  // tables, charts): every property set and call is recorded by its path, and
  // returns another recorder, so the whole build runs without a real sheet.
  function recorder(path) {
    return new Proxy(function () {}, {
      get: function (_target, prop) {
        if (typeof prop === "symbol" || prop === "then") return undefined;
        return recorder(path + "." + prop);
      },
      set: function (_target, prop, value) {
        var rows = Array.isArray(value) ? " (" + value.length + " rows)" : "";
        state.writes.push(path + "." + String(prop) + rows);
        book.request(jsonBytes(value));
        return true;
      },
      apply: function () {
        state.writes.push(path + "()");
        book.request(0);
        return recorder(path + "()");
      },
    });
  }
  // The workbook's sheet names as a build changes them (applied at the sync,
  // as in Excel), so `items` lists the sheets a build added and a test can
  // see that a cancelled build left the list as it was.
  state.sheetNames = names.slice();
  var worksheets = book.context.workbook.worksheets;
  var getSheet = worksheets.getItem;
  Object.defineProperty(worksheets, "items", {
    get: function () {
      return state.sheetNames.map(function (name) {
        var sheet = book.sheet(name);
        // A sheet a build added holds nothing the fake reads back: an empty sheet.
        return sheet
          ? book.worksheet(sheet)
          : {
              name: name,
              getUsedRangeOrNullObject: function () {
                return book.nullRange();
              },
            };
      });
    },
  });
  worksheets.add = function (name) {
    state.writes.push("worksheets.add " + name);
    book.request(jsonBytes(name));
    book.pending.writes.push(function () {
      state.sheetNames.push(name);
    });
    var sheet = recorder(name);
    return new Proxy(sheet, {
      get: function (target, prop) {
        if (prop !== "delete") return target[prop];
        return function () {
          state.writes.push("worksheet.delete " + name);
          book.request(0);
          book.pending.writes.push(function () {
            state.sheetNames = state.sheetNames.filter(function (n) {
              return n !== name;
            });
          });
        };
      },
    });
  };
  worksheets.getItemOrNullObject = function (name) {
    return {
      delete: function () {
        state.writes.push("worksheet.delete " + name);
        book.request(0);
        book.pending.writes.push(function () {
          state.sheetNames = state.sheetNames.filter(function (n) {
            return n !== name;
          });
        });
      },
    };
  };
  // A sheet a build added is a recorder (activate() is recorded); the others are the fake workbook's.
  worksheets.getItem = function (name) {
    return book.sheet(name) ? getSheet(name) : recorder(name);
  };
  // A test may slow each sync down, to act while a build runs (Cancel).
  var sync = book.context.sync;
  book.context.sync = function () {
    return state.syncDelay
      ? new Promise(function (resolve) {
          setTimeout(resolve, state.syncDelay);
        }).then(sync)
      : sync();
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
