/**
 * The pane's feedback: the status line (a success, a note or an error, in
 * words), and message bars that can be dismissed and are replaced by key,
 * never stacked (a second import error replaces the first).
 */
import { byId, h } from "./dom";

export type Intent = "info" | "warning" | "error" | "success";

/** Most detail lines a bar lists before "and N more". */
const MAX_DETAILS = 12;

export class Feedback {
  constructor(private readonly statusId: string) {}

  /** The status line: replaced each time; an error is styled as one. */
  status(text: string, intent: Intent = "info"): void {
    const line = byId(this.statusId);
    line.textContent = text;
    line.className =
      intent === "error" ? "status-error" : intent === "success" ? "status-success" : "";
  }

  clearStatus(): void {
    this.status("");
  }

  /** A message bar under the views' tabs; one per key (a new one replaces the old). */
  banner(
    key: string,
    intent: Intent,
    title: string,
    details: string[] = [],
    more?: (n: number) => string
  ): void {
    this.dismiss(key);
    const close = h(
      "fluent-button",
      {
        appearance: "transparent",
        size: "small",
        "aria-label": `Dismiss: ${title}`,
        slot: "actions",
      },
      "Dismiss"
    );
    const bar = h(
      "fluent-message-bar",
      { intent, layout: "multiline", class: "banner", "data-banner": key },
      h("span", { class: "banner-title" }, title),
      details.length > 0
        ? h("ul", {}, ...details.slice(0, MAX_DETAILS).map((d) => h("li", {}, d)))
        : null,
      details.length > MAX_DETAILS && more ? h("p", {}, more(details.length - MAX_DETAILS)) : null,
      close
    );
    close.addEventListener("click", () => bar.remove());
    byId("banners").appendChild(bar);
  }

  dismiss(key: string): void {
    for (const bar of Array.from(document.querySelectorAll(`#banners [data-banner="${key}"]`)))
      bar.remove();
  }
}
