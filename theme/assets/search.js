// Search box of the portal, on Pagefind's JS API (no framework, nothing from other hosts).
// Citizens often type without diacritics: the query is folded ("đăng ký" -> "dang ky") and the
// index holds folded copies of accented words (see generator/search.py), so every spelling matches.

const form = document.querySelector("[data-search]");
const input = form.querySelector("input[type=search]");
const statusLine = form.querySelector("[data-search-status]");
const list = form.querySelector("[data-search-results]");
const selects = [...form.querySelectorAll("select[data-filter]")];
const PAGE_SIZE = 10;

// Same folding as generator/text.py: "Đăng ký, khai sinh" -> "dang ky khai sinh".
export function fold(text) {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D")
    .toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}

// Pagefind ranks by word statistics; a citizen who types a procedure's name, or the words people
// use for it, expects that procedure first. So the first page of results is reordered by how well
// the query matches those names (meta "names": folded, separated by "|"); ties keep Pagefind's order.
function nameMatch(data, term) {
  const names = (data.meta.names || "").split("|").map((name) => name.trim());
  const words = term.split(" ");
  if (names.includes(term)) return 3;
  if (names.some((name) => ` ${name} `.includes(` ${term} `))) return 2;
  if (names.some((name) => words.every((word) => name.split(" ").includes(word)))) return 1;
  return 0;
}

// Pagefind (its script, wasm and index) loads only when someone starts to search, so the home
// page itself costs nothing extra; the filters' choices are already in the page.
const siteRoot = new URL(form.dataset.base + "/", location.href);
let engine;
function pagefind() {
  engine ??= import(new URL("pagefind/pagefind.js", siteRoot).href).then(async (module) => {
    await module.options({ baseUrl: siteRoot.pathname, excerptLength: 18 });
    return module;
  });
  return engine;
}

function chosenFilters() {
  const filters = {};
  for (const select of selects) if (select.value) filters[select.dataset.filter] = select.value;
  return filters;
}

function resultItem(data) {
  const item = document.createElement("li");
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title;
  const meta = document.createElement("span");
  meta.className = "tthc-results__meta";
  // Procedures show their field and code; other pages (notices, plans…) their kind.
  meta.textContent = [data.meta.linh_vuc || data.meta.loai, data.meta.ma && `Mã ${data.meta.ma}`].filter(Boolean).join(" · ");
  item.append(link, meta);
  return item;
}

let shown = [];
let latest = 0;

async function run() {
  const ticket = ++latest;
  const term = fold(input.value.trim());
  const filters = chosenFilters();
  const url = new URL(location.href);
  term ? url.searchParams.set("q", input.value.trim()) : url.searchParams.delete("q");
  history.replaceState(null, "", url);
  document.documentElement.classList.toggle("tthc-query", Boolean(term));
  if (!term && !Object.keys(filters).length) {
    list.replaceChildren();
    statusLine.textContent = "";
    form.dataset.shown = "";
    return;
  }
  const search = await (await pagefind()).search(term || null, { filters });
  if (ticket !== latest) return; // a newer keystroke already started another search
  shown = search.results;
  list.replaceChildren();
  statusLine.textContent = shown.length ? `Tìm thấy ${shown.length} kết quả.` : "Không tìm thấy thủ tục nào. Hãy thử từ khác, ví dụ “khai sinh”.";
  await showMore(ticket, term);
  // Marks which query and filters the list shows, for tests and assistive tools.
  if (ticket === latest) form.dataset.shown = JSON.stringify([input.value.trim(), filters]);
}

async function showMore(ticket, term = "") {
  const next = shown.slice(list.children.length, list.children.length + PAGE_SIZE);
  const data = await Promise.all(next.map((result) => result.data()));
  if (ticket !== latest) return;
  if (term) data.sort((a, b) => nameMatch(b, term) - nameMatch(a, term));
  list.append(...data.map(resultItem));
  if (list.children.length < shown.length) {
    const more = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "md-button";
    button.textContent = "Xem thêm kết quả";
    button.addEventListener("click", () => { more.remove(); showMore(latest); });
    more.append(button);
    list.append(more);
  }
}

let timer;
input.addEventListener("focus", pagefind, { once: true });
input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(run, 150); });
for (const select of selects) select.addEventListener("change", run);
form.addEventListener("submit", (event) => { event.preventDefault(); run(); });

const initial = new URL(location.href).searchParams.get("q");
if (initial) { input.value = initial; }
form.dataset.ready = "true";
if (initial) run();
