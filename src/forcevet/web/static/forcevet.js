// forcevet workspace: a little plain JavaScript, no build step, no inline scripts (CSP).
"use strict";

// The session's CSRF token, for requests the page's scripts make.
function csrfToken() {
  return document.body.dataset.csrf || "";
}

// Selects marked data-autosubmit submit their form when changed.
document.addEventListener("change", (event) => {
  const target = event.target;
  if (target instanceof HTMLSelectElement && target.hasAttribute("data-autosubmit")) {
    target.form.submit();
  }
});

// Forms marked data-busy show that they are working and cannot be sent twice.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-busy")) return;
  for (const button of form.querySelectorAll("button[type=submit]")) {
    button.disabled = true;
    button.classList.add("busy");
    button.textContent = form.dataset.busy || "working";
  }
});

// Forms marked data-confirm ask first.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form instanceof HTMLFormElement && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
    event.preventDefault();
  }
}, true);

// Elements marked data-poll="URL" ask URL every second for {"state", "progress", "message",
// "redirect"} and show it, until the job is done (then follow "redirect") or failed.
function poll(element) {
  const url = element.dataset.poll;
  const tick = async () => {
    let job;
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" } });
      job = await response.json();
    } catch (error) {
      element.textContent = "lost contact with the server; retrying";
      setTimeout(tick, 2000);
      return;
    }
    const bar = element.querySelector("progress");
    const words = element.querySelector("[data-message]");
    if (bar && typeof job.progress === "number") bar.value = job.progress;
    if (words) words.textContent = job.message || job.state;
    if (job.state === "done" && job.redirect) {
      window.location.assign(job.redirect);
    } else if (job.state === "failed") {
      element.classList.add("error");
    } else {
      setTimeout(tick, 1000);
    }
  };
  tick();
}
document.addEventListener("DOMContentLoaded", () => {
  for (const element of document.querySelectorAll("[data-poll]")) poll(element);
});
