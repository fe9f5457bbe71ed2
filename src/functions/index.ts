/**
 * The functions bundle: loaded by the shared runtime before any task-pane
 * UI code. The runtime is published first, so that in Excel every function
 * waits for the workbook's assumptions from its first call. Importing the
 * families is enough to register them: the metadata plugin appends a
 * CustomFunctions.associate call for each @customfunction to its file.
 */
import "./install-runtime";
import "./segmentation";
import "./headcount";
import "./capacity";
import "./books";
import "./planning";
import "./targets";
import "./comp";
import "./quality";
import "./assumptions";
