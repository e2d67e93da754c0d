// The back office's few enhancements (backoffice.model_admins.AuditedAdmin's media; a file of the site's own,
// as the Content-Security-Policy asks). Without JavaScript every part works as it is:
// - The publication control of a news item (news/forms.py): typing a date chooses "At".
// - Amounts (backoffice/widgets.py, MoneyInput): "2955500" reads "2,955,500.00" once typed, in the
//   language's way (the separators come from the input's data-thousands and data-decimal).
// - A long list filter (templates/admin/searchable_filter.html): a box narrows its choices.
// - Dates (backoffice/widgets.py): the date beside a date input, in the site's words ("12 March 2025"),
//   follows what is typed.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  // The site writes English dates as the British do (tntd/formats/en); Russian as Russian.
  const lang = document.documentElement.lang || "en";
  const locale = lang.startsWith("en") ? "en-GB" : lang;
  const day = new Intl.DateTimeFormat(locale, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  document.querySelectorAll("span.date-shown").forEach((shown) => {
    const input = shown.previousElementSibling;
    if (!input || input.tagName !== "INPUT") return;
    input.addEventListener("input", () => {
      // "2025-03-12" or "2025-03-12T09:00": read as written, no time zone to shift it.
      const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}:\d{2}))?/.exec(input.value);
      if (!match) {
        shown.textContent = "";
        return;
      }
      const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
      shown.textContent = day.format(date) + (match[4] ? `, ${match[4]}` : "");
    });
  });

  document.querySelectorAll(".publication-control").forEach((control) => {
    const at = control.querySelector('input[type=radio][value="at"]');
    const moment = control.querySelector(".publication-moment");
    if (!at || !moment) return;
    const chooseAt = () => { at.checked = true; };
    moment.addEventListener("input", chooseAt);
    moment.addEventListener("change", chooseAt);
  });

  document.querySelectorAll("input.money-input").forEach((input) => {
    input.addEventListener("blur", () => {
      const grouped = groupAmount(input.value, input.dataset.thousands || ",", input.dataset.decimal || ".");
      if (grouped !== null) input.value = grouped;
    });
  });

  document.querySelectorAll("#changelist-filter .filter-search").forEach((box) => {
    const details = box.closest("details");
    const input = box.querySelector("input");
    const none = details.querySelector(".filter-search-none");
    const choices = Array.from(details.querySelectorAll("ul > li"));
    box.hidden = false;
    const narrow = () => {
      const words = simplified(input.value);
      let shown = 0;
      choices.forEach((choice, index) => {
        // "All" and the chosen one always stay.
        const keep = index === 0 || choice.classList.contains("selected") || simplified(choice.textContent).includes(words);
        choice.hidden = !keep;
        if (keep && index > 0) shown += 1;
      });
      if (none) none.hidden = !words || shown > 0;
    };
    input.addEventListener("input", narrow);
    input.addEventListener("keydown", (event) => {
      if (event.key !== "Enter") return;
      // Enter follows the first choice left (not "All").
      const first = choices.find((choice, index) => index > 0 && !choice.hidden);
      if (first && input.value.trim()) {
        event.preventDefault();
        first.querySelector("a").click();
      }
    });
  });
});

// Lower case, without accents: "Türkiye" is found by "turk".
function simplified(text) {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
}

// "2955500" or "2,955,500.5" as "2,955,500.50" (with the language's separators); null for anything
// else, which the server explains. Mirrors backoffice.widgets.parse_amount.
function groupAmount(value, thousands, decimal) {
  const text = value.replace(/\s/g, " ").trim();
  const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const group = [thousands.trim() ? thousands : " ", " "].map(escape).join("|");
  const points = [decimal, "."].filter((point) => point !== thousands).map(escape).join("|");
  const match = new RegExp(`^(-?)(\\d+|\\d{1,3}(?:(?:${group})\\d{3})+)(?:(?:${points})(\\d*))?$`).exec(text);
  if (!match || (match[3] || "").length > 2) return null;  // more than cents: the server says so
  const [, sign, whole, cents] = match;
  const digits = whole.replace(/\D/g, "");
  const rounded = Number(`${digits}.${cents || "0"}`).toFixed(2).split(".");
  if (rounded[0].length > 15) return null;  // beyond what a number holds to the cent
  return sign + rounded[0].replace(/\B(?=(\d{3})+(?!\d))/g, thousands) + decimal + rounded[1];
}
