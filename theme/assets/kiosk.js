// Kiosk mode for the touch screen at the desk: open any page with ?kiosk (or ?kiosk=SECONDS).
// Larger touch targets, no site chrome, and back to the home page's search after a quiet spell,
// so the next citizen starts afresh. It lasts for the browser tab; ?kiosk=0 turns it off.
const KEY = "tthc-kiosk-seconds";
const asked = new URLSearchParams(location.search).get("kiosk");
if (asked !== null) {
  const seconds = Number(asked) || 90;
  asked === "0" ? sessionStorage.removeItem(KEY) : sessionStorage.setItem(KEY, String(seconds));
}
const seconds = Number(sessionStorage.getItem(KEY));
if (seconds) {
  document.documentElement.classList.add("tthc-kiosk");
  const home = new URL(document.querySelector("meta[name=tthc-home]").content, location.href);
  const atHome = location.pathname === home.pathname;
  let timer;
  const restart = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const search = document.querySelector("input[type=search]");
      if (!atHome || (search && search.value)) location.replace(home.href);
    }, seconds * 1000);
  };
  for (const event of ["pointerdown", "keydown", "scroll", "input"]) addEventListener(event, restart, { passive: true });
  restart();
}
