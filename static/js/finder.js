// Progressive enhancement for the finders; without JavaScript every part works as a plain form.
// - Apply a filter as soon as a box is ticked or the sort order chosen (text, date and number
//   fields wait for the button or Enter: submitting mid-typing would lose focus).
// - Leave empty fields out of the address: "?country=AL", not "?q=&country=AL&when=&...".
// - Keep the filters open on wide screens, where they sit beside the results; on phones they
//   fold under their "Filters (n)" button (templates/includes/finder_layout.html).
const wide = window.matchMedia("(min-width: 48.01rem)");
const REOPEN = "finder-reopen-at";

document.querySelectorAll(".finder-form").forEach((form) => {
  form.addEventListener("change", (event) => {
    if (event.target.matches("input[type=checkbox], select[name=sort]")) {
      // On a phone, the next page opens the filters again at the same box, for the next tick.
      if (!wide.matches && event.target.id) sessionStorage.setItem(REOPEN, event.target.id);
      form.requestSubmit();
    }
  });
  form.addEventListener("submit", () => {
    form.querySelectorAll("input[name], select[name]").forEach((field) => {
      // Empty, or a list's first choice (its default: the sort order "newest first").
      const unchosen = field.value === "" || (field.tagName === "SELECT" && field.selectedIndex === 0);
      if (field.type !== "checkbox" && !field.multiple && unchosen) {
        field.disabled = true;  // a disabled field is not sent
      }
    });
  });
  // Fields disabled on leaving come back enabled if the page is shown again from the history.
  window.addEventListener("pageshow", () => {
    form.querySelectorAll("[disabled]").forEach((field) => { field.disabled = false; });
  });
});

document.querySelectorAll(".finder__filters").forEach((filters) => {
  const follow = () => { if (wide.matches) filters.open = true; };
  follow();
  wide.addEventListener("change", follow);
  const at = sessionStorage.getItem(REOPEN);
  sessionStorage.removeItem(REOPEN);
  const box = at && document.getElementById(at);
  if (box && filters.contains(box)) {
    filters.open = true;
    box.focus();
  }
});
