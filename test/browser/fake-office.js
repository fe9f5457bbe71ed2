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
  var worksheets = book.context.workbook.worksheets;
  worksheets.add = function (name) {
    state.writes.push("worksheets.add " + name);
    book.request(jsonBytes(name));
    return recorder(name);
  };
  worksheets.getItemOrNullObject = function (name) {
    return {
      delete: function () {
        state.writes.push("worksheet.delete " + name);
        book.request(0);
      },
    };
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
