// The main navigation on narrow screens: a button (data-nav-toggle, hidden without
// JavaScript) opens and closes the list it controls (aria-controls).

/** Make the menu button work; without it the list is simply always shown. */
export function setUpNav() {
  const toggle = document.querySelector("[data-nav-toggle]");
  const links = toggle && document.getElementById(toggle.getAttribute("aria-controls"));
  if (!toggle || !links) return;
  toggle.hidden = false;
  // The stylesheet collapses the list only when this script can open it again.
  document.documentElement.classList.add("js");

  const isOpen = () => toggle.getAttribute("aria-expanded") === "true";
  const setOpen = (open) => {
    toggle.setAttribute("aria-expanded", String(open));
    links.classList.toggle("open", open);
  };
  toggle.addEventListener("click", () => setOpen(!isOpen()));
  // Escape closes the open menu and puts the focus back on its button.
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && isOpen()) {
      setOpen(false);
      toggle.focus();
    }
  });
}
