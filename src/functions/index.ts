/**
 * The functions bundle: loaded by the shared runtime before any task-pane
 * UI code. Importing the families is enough: the metadata plugin appends a
 * CustomFunctions.associate call for each @customfunction to its file.
 */
import "./segmentation";
import "./headcount";
import "./capacity";
import "./books";
import "./planning";
import "./targets";
import "./comp";
import "./quality";
import "./readers";
