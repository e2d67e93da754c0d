// Progressive enhancement for the finders: apply a filter as soon as a box is ticked or the
// sort order chosen. Without JavaScript the "Apply filters" button does the same. Text, date
// and number fields wait for the button (or Enter): submitting mid-typing would lose focus.
document.querySelectorAll(".finder-form").forEach((form) => {
  form.addEventListener("change", (event) => {
    if (event.target.matches("input[type=checkbox], select[name=sort]")) {
      form.requestSubmit();
    }
  });
});
