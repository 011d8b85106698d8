// "Giấy tờ cần mang": the ticks are kept on the phone for this procedure, so a citizen gathering papers over
// several days sees what is still missing. The key holds the list's update date: a list the commune has
// since changed starts afresh. Nothing is kept on the desk's shared kiosk screen (the next citizen's list
// starts empty) or where the browser refuses storage; ticking works all the same.
const list = document.querySelector("[data-checklist]");
const boxes = list ? [...list.querySelectorAll("input[type=checkbox]")] : [];
const key = list && `tthc-giay-to:${list.dataset.checklist}`;
let store = null;
try {
  if (!document.documentElement.classList.contains("tthc-kiosk")) store = localStorage;
} catch {} // storage refused (a setting, some private windows): even reading `localStorage` throws

if (store && boxes.length) {
  let ticked = [];
  try {
    ticked = JSON.parse(store.getItem(key)) ?? [];
  } catch {} // unreadable: start afresh
  for (const box of boxes) box.checked = Array.isArray(ticked) && ticked.includes(box.id);
  list.addEventListener("change", () => {
    try {
      store.setItem(key, JSON.stringify(boxes.filter((box) => box.checked).map((box) => box.id)));
    } catch {} // storage full: the ticks stay on screen only
  });
}
