// Progressive enhancement for the finders: apply a filter as soon as a box is ticked or a
// choice made. Without JavaScript the "Apply filters" button does the same.
document.querySelectorAll(".finder-form").forEach((form) => {
  form.addEventListener("change", (event) => {
    if (event.target.matches("input[type=checkbox]")) {
      form.requestSubmit();
    }
  });
});
