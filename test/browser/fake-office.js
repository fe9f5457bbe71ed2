/* global window, setTimeout */
/*
 * A stand-in for office.js in the browser tests of the pane's workbook
 * buttons: Office.onReady reports Excel, and Excel.run hands the batch a
 * context whose workbook has no stored settings, the sheets named in
 * window.fakeWorkbook.sheets and a selection of window.fakeWorkbook.selection
 * (both set by the test before the page loads); CustomFunctions
 * records what the functions bundle associates. Reads come from the
 * selection, and every write (sheets added or deleted,
 * values, formats, tables, charts) is recorded by its path in
 * window.fakeWorkbook.writes, so a test can see what a build would write,
 * or that a cancelled one wrote nothing. Served in place of office-js/office.js.
 */
(function () {
  var state = window.fakeWorkbook || { sheets: ["Sheet1"], selection: [[""]] };
  state.writes = [];
  state.runs = 0;
  state.syncs = 0;
  window.fakeWorkbook = state;
  function recordWrite(what) {
    return function () {
      state.writes.push(what);
    };
  }
  // Anything the plan builder writes (ranges, formats, tables, charts):
  // every property set and call is recorded by its path, and returns
  // another recorder, so the whole build runs without a real workbook.
  function recorder(path) {
    return new Proxy(function () {}, {
      get: function (_target, prop) {
        if (typeof prop === "symbol" || prop === "then") return undefined;
        return recorder(path + "." + prop);
      },
      set: function (_target, prop, value) {
        var rows = Array.isArray(value) ? " (" + value.length + " rows)" : "";
        state.writes.push(path + "." + String(prop) + rows);
        return true;
      },
      apply: function () {
        state.writes.push(path + "()");
        return recorder(path + "()");
      },
    });
  }
  function selectedRange() {
    var values = state.selection;
    return {
      load: function () {},
      values: values,
      rowIndex: 0,
      rowCount: values.length,
      columnCount: values[0] ? values[0].length : 0,
      address: "Sheet1!A1",
      worksheet: {
        getUsedRange: function () {
          return selectedRange();
        },
      },
    };
  }
  var context = {
    workbook: {
      settings: {
        getItemOrNullObject: function () {
          return { load: function () {}, isNullObject: true, value: null };
        },
        add: recordWrite("settings.add"),
      },
      worksheets: {
        load: function () {},
        get items() {
          return state.sheets.map(function (name) {
            return { name: name };
          });
        },
        add: function (name) {
          state.writes.push("worksheets.add " + name);
          return recorder(name);
        },
        getItemOrNullObject: function (name) {
          return { delete: recordWrite("worksheet.delete " + name) };
        },
        getItem: function (name) {
          return recorder(name);
        },
      },
      getSelectedRange: selectedRange,
    },
    sync: function () {
      state.syncs += 1;
      // A test may slow each sync down, to act while a build runs (Cancel).
      return state.syncDelay
        ? new Promise(function (resolve) {
            setTimeout(resolve, state.syncDelay);
          })
        : Promise.resolve();
    },
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
      return batch(context);
    },
  };
})();
