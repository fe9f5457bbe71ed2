/* global window, setTimeout */
/*
 * A stand-in for office.js in the browser tests of the pane's workbook
 * buttons: Office.onReady reports Excel, and Excel.run hands the batch a
 * context whose workbook has no stored settings, the sheets named in
 * window.fakeWorkbook.sheets and a selection of window.fakeWorkbook.selection
 * (both set by the test before the page loads), and CustomFunctions
 * records what the functions bundle associates. It supports only reading:
 * the tests stop before the builder would write (a cancelled question, a
 * kept plan, an export with no usable row), and every write is recorded as
 * a call that should not have happened. Served in place of office-js/office.js.
 */
(function () {
  var state = window.fakeWorkbook || { sheets: ["Sheet1"], selection: [[""]] };
  state.writes = [];
  state.runs = 0;
  window.fakeWorkbook = state;
  function recordWrite(what) {
    return function () {
      state.writes.push(what);
    };
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
        add: recordWrite("worksheets.add"),
        getItemOrNullObject: function () {
          return { delete: recordWrite("worksheet.delete") };
        },
      },
      getSelectedRange: selectedRange,
    },
    sync: function () {
      return Promise.resolve();
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
