// Search box of the portal: a Vietnamese query layer over Pagefind (no framework, nothing from other hosts).
// The query is read the way generator/searchterms.py prepared the index: folded spellings, syllable pairs
// of names, everyday words from the thesaurus. Then, in turn: names whose words stand together first;
// typos corrected against the portal's own words (and said so); a sentence's filler words dropped; when
// not every word can match, pages ranked by how many do. Other agencies' matters are named above results.

const form = document.querySelector("[data-search]");
const input = form.querySelector("input[type=search]");
const statusLine = form.querySelector("[data-search-status]");
const elsewhereBox = form.querySelector("[data-search-elsewhere]");
const list = form.querySelector("[data-search-results]");
const otherHeading = form.querySelector("[data-search-other-heading]");
const otherList = form.querySelector("[data-search-other]");
const selects = [...form.querySelectorAll("select[data-filter]")];
const fullTextButton = form.querySelector("[data-search-full-text]");
const [PROCEDURES, OTHER_PAGES] = ["Thủ tục", "Thông tin khác"]; // the "nhom" filter (generator/search.py)
const PAGE_SIZE = 10;
const OTHER_SIZE = 3;
const SLICE_MS = 10; // longest stretch of reading names before a pause (namesIndex)
// A pause that lets the browser draw and answer taps, then goes on at once (a timer would wait 4 ms or more).
const pause = () => new Promise((resolve) => {
  const channel = new MessageChannel();
  channel.port1.onmessage = resolve;
  channel.port2.postMessage(null);
});

// Same as generator/searchterms.py's search_fold: no marks, no case, đ -> d, a syllable's lone final y -> i.
export function fold(text) {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D")
    .toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim()
    .replace(/\b(qu|[bcdghklmnprstvx]{1,2})y\b/g, "$1i");
}

// Words of a question that say nothing about which procedure is meant. Typed with marks they are
// unmistakable; typed without, only those that no procedure name needs are dropped ("em" may be "trẻ em",
// "di" "di chúc", "sao" "bản sao"). Phrases are matched folded.
const FILLER_PHRASES = ["nhu the nao", "the nao", "lam sao", "o dau", "bao lau", "bao nhieu", "huong dan",
  "can nhung gi", "can gi", "giay to gi", "thu tuc", "hom nay", "bay gio", "xin hoi"].map((phrase) => phrase.split(" "));
const FILLER_MARKED = new Set(("tôi mình chị bạn bác ông bà muốn cần phải hỏi giúp với thì là gì được " +
  "không nào vậy ạ nhé ơi làm như đi rồi nữa mà và nên những các một có").split(" "));
const FILLER_PLAIN = new Set("toi minh muon xin giup gi duoc khong nao vay nhe oi roi nua cho voi va cac nhung phai lam".split(" "));

function withoutFiller(typed) { // (every word of FILLER_MARKED carries a mark)
  const raw = typed.normalize("NFC").toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const folded = raw.map(fold);
  const dropped = new Set();
  for (const phrase of FILLER_PHRASES) {
    for (let start = 0; start + phrase.length <= folded.length; start++) {
      if (phrase.every((word, offset) => folded[start + offset] === word)) {
        phrase.forEach((_, offset) => dropped.add(start + offset));
      }
    }
  }
  const keep = folded.map((word, index) => !dropped.has(index) && !FILLER_MARKED.has(raw[index])
    && !(raw[index] === word && FILLER_PLAIN.has(word)));
  if (!keep.some(Boolean)) keep.fill(true);
  const kept = (list) => list.filter((_, index) => keep[index]);
  return {
    words: kept(folded),
    marked: kept(raw.map((word) => /[^a-z0-9]/.test(word))), // typed with its marks (or đ)
    // Pairs only of words that stood side by side as typed, never across a dropped word.
    pairs: folded.slice(1).flatMap((word, index) => (keep[index] && keep[index + 1] ? [folded[index] + word] : [])),
  };
}

const pairsOf = (words) => words.slice(1).map((word, index) => words[index] + word);

// A citizen who types a procedure's name, or words people use for it, expects that procedure first. On
// the first page, in turn: an official name equal to the query, a commune's everyday name equal to it, a
// thesaurus word equal to it, an official name containing it, an everyday name containing it; within each,
// the shorter official name (the general procedure before its special cases). Meta "names": the official
// name, then the commune's everyday names; meta "also": the thesaurus's; folded, separated by "|".
const namesOf = (text) => (text || "").split("|").map((name) => name.trim()).filter(Boolean);
function nameMatch(data, term) {
  const [title = "", ...own] = namesOf(data.meta.names);
  const also = namesOf(data.meta.also);
  const contains = (name) => ` ${name} `.includes(` ${term} `);
  const tier = title === term ? 5 : own.includes(term) ? 4 : also.includes(term) ? 3 : contains(title) ? 2
    : [...own, ...also].some(contains) ? 1 : 0;
  return tier ? tier * 1000 + shortness(title) : 0;
}

const shortness = (title) => Math.max(0, 500 - title.replace(/^thu tuc /, "").length);

// How many words a page's name and the query have in common as one whole phrase, when one holds the
// other: a question that names the page ("… ket hon voi nguoi nuoc ngoai thi …"), or a query that is part
// of its name. Phrases of fewer than three words are too common to tell pages apart.
function namedIn(data, term) {
  const lengths = [...namesOf(data.meta.names), ...namesOf(data.meta.also)].map((name) =>
    (` ${term} `.includes(` ${name} `) ? name : ` ${name} `.includes(` ${term} `) ? term : "").split(" ").length);
  const longest = Math.max(0, ...lengths);
  return longest >= 3 ? longest : 0;
}

// The portal's search words (vocabulary for typos, other agencies' matters) and its pages listed by their
// names (tim-kiem-trang.json) load only when someone starts to search, so the page itself costs nothing
// extra; the filters' choices are already in the page. Pagefind (its script, wasm and index chunks, about
// 100 KB more) loads only when a search needs the pages' full text.
const siteRoot = new URL(form.dataset.base + "/", location.href);
const loadJSON = (name) => fetch(new URL(name, siteRoot)).then((answer) => answer.json());
let words;
function searchWords() {
  words ??= Promise.all([loadJSON("tim-kiem.json"), loadJSON("tim-kiem-trang.json")]).then(async ([found, listed]) => ({
    names: await namesIndex(listed.trang), parts: listed.chi_muc_them, vocabulary: found.tu_vung, known: new Set(found.tu_vung),
    procedures: found.so_thu_tuc, elsewhere: found.noi_khac }));
  return words;
}

let fullText;
function pagefind(parts) {
  fullText ??= import(new URL("pagefind/pagefind.js", siteRoot).href).then(async (module) => {
    // No excerpts: the index holds only the pages' words folded (generator/search.py), so an excerpt would
    // read "ho tro kham chua benh…"; results show names, fields and codes instead (resultItem).
    const options = { baseUrl: siteRoot.pathname, excerptLength: 0 };
    await module.options(options);
    // A province's index is made in parts (generator/search.py, PART_PAGES); Pagefind searches them as one.
    for (const part of parts) await module.mergeIndex(new URL(part, siteRoot).pathname, options);
    return module;
  });
  return fullText;
}

// Pages searched by their names alone, answering as Pagefind does (`search(term, { filters })`, results
// with `id`, `score` and `data()`), so that both are ranked the same way. A term matches the beginning of
// a word or syllable pair of a page's names, or its code, as in Pagefind; matches in the official name
// score higher.
async function namesIndex(pages) {
  const tokens = new Map(); // word or pair -> [[page, score]]
  const entries = [];
  let since = performance.now();
  for (const [id, page] of pages.entries()) {
    // A province lists thousands of pages: reading them all at once would freeze a cheap phone for a
    // moment, so the browser gets to draw and answer taps every SLICE_MS, however fast the phone.
    if (performance.now() - since > SLICE_MS) {
      await pause();
      since = performance.now();
    }
    const names = [fold(page.ten), ...(page.ten_khac ?? [])];
    const meta = { title: page.ten, names: names.join(" | "), also: (page.con_goi ?? []).join(" | "),
      linh_vuc: page.loc.linh_vuc, ma: page.ma, loai: page.loai };
    const entry = { id, filters: page.loc, data: { url: new URL(page.url, siteRoot).pathname, meta } };
    const scores = new Map();
    [...names, ...(page.con_goi ?? [])].forEach((name, index) => {
      const nameWords = name.split(" ");
      for (const token of [...nameWords, ...pairsOf(nameWords)]) scores.set(token, Math.max(scores.get(token) ?? 0, index ? 1 : 2));
    });
    if (page.ma) for (const token of [page.ma, ...fold(page.ma).split(" ")]) scores.set(token, 2);
    for (const [token, score] of scores) {
      if (!tokens.has(token)) tokens.set(token, []);
      tokens.get(token).push([entry, score]);
    }
    entries.push(entry);
  }
  const sorted = [...tokens.keys()].sort();
  const fits = (entry, filters) => Object.entries(filters).every(([key, value]) => entry.filters[key] === value);
  const result = (entry, score) => ({ id: entry.id, score, data: async () => entry.data });
  return {
    search(term, { filters = {} } = {}) {
      if (term === null) return { results: entries.filter((entry) => fits(entry, filters)).map((entry) => result(entry, 0)) };
      const found = new Map();
      // The tokens beginning with the term stand together in the sorted list, from where it would be.
      let low = 0;
      for (let high = sorted.length; low < high;) {
        const middle = (low + high) >> 1;
        sorted[middle] < term ? (low = middle + 1) : (high = middle);
      }
      for (let index = low; index < sorted.length && sorted[index].startsWith(term); index++) {
        for (const [entry, score] of tokens.get(sorted[index])) {
          if (fits(entry, filters)) found.set(entry, Math.max(found.get(entry) ?? 0, sorted[index] === term ? 2 * score : score));
        }
      }
      return { results: [...found].map(([entry, score]) => result(entry, score)) };
    },
  };
}

// Adjacent words of the portal's names, loaded only when a query has a word to correct.
let pairList;
function knownPairs() {
  pairList ??= loadJSON("tim-kiem-cap-tu.json").then((pairs) => new Set(pairs));
  return pairList;
}

// Damerau–Levenshtein distance, stopping early once it is over `limit`.
function distance(a, b, limit) {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before = null;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2] + 1);
      current.push(value);
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
    [before, previous] = [previous, current];
  }
  return previous[b.length];
}

// Corrections of the words the portal does not know: the closest words it knows (one edit for short
// words, two for long ones), or two known words when the space between them was missed ("khaisinh").
// Of the close words, one that stands next to a neighbouring word of the query in some name wins
// ("ket hn" -> "ket hon", not "ket han"), then the closer, then the more frequent (`vocabulary` lists
// the most frequent first). A word typed with its marks, or of two letters, is changed only when a
// neighbour confirms it: it is more likely a word the portal does not use than a slip. Returns up to
// four readings of the query, when the neighbours cannot tell two corrections apart ("gia hna tam tru":
// "han" or "nha"); the caller keeps the one whose best result fits best. Null when the query has several
// words, the portal knows none of them and no neighbour confirms a correction ("asdfgh jkl"): a guess
// from letters alone (Pagefind's own included) would be a confident list of unrelated procedures.
function corrections(words, marked, { vocabulary, known }, pairs) {
  let grounded = words.length < 2;
  const choices = words.map((word, index) => {
    if (known.has(word) || /\d/.test(word)) {
      grounded = true;
      return [[word]];
    }
    for (let cut = 2; word.length >= 5 && cut <= word.length - 2; cut++) {
      if (known.has(word.slice(0, cut)) && known.has(word.slice(cut))) return [[word.slice(0, cut), word.slice(cut)]];
    }
    const [left, right] = [words[index - 1], words[index + 1]];
    const limit = word.length >= 6 ? 2 : 1;
    const scored = [];
    for (const candidate of vocabulary) {
      const found = distance(word, candidate, limit);
      if (found <= limit) scored.push([10 * (pairs.has(`${left} ${candidate}`) + pairs.has(`${candidate} ${right}`)) - found, candidate]);
    }
    const best = Math.max(...scored.map(([score]) => score));
    grounded ||= best > 0;
    if (!scored.length || (best < 0 && (marked[index] || word.length < 3))) return [[word]];
    return scored.filter(([score]) => score === best).slice(0, 3).map(([, candidate]) => [candidate]);
  });
  if (!grounded) return null;
  return choices.reduce((readings, options) => readings.flatMap((reading) => options.map((option) => [...reading, ...option])), [[]])
    .slice(0, 4);
}

function chosenFilters() {
  const filters = {};
  for (const select of selects) if (select.value) filters[select.dataset.filter] = select.value;
  return filters;
}

// Results for the words, best first. A page scores, for each of the query's words it has, the word's
// rarity (a word on few pages says more than "nha" or "cong" on half of them), and twice that for each
// pair of the query's adjacent words that stand together in one of its names. With one or two words a
// page needs all of them; with more, at least half of what the best page has: a long sentence finds the
// page that has its telling words rather than nothing.
async function rank(module, { words, pairs }, filters, total) {
  const scores = new Map();
  const add = (results, factor, isWord) => {
    const rarity = factor * Math.log2(1 + total / Math.max(results.length, 1));
    for (const result of results) {
      const entry = scores.get(result.id) ?? { result, points: 0, words: 0, weight: 0 };
      entry.points += rarity;
      entry.words += isWord ? 1 : 0;
      entry.weight += isWord ? rarity : 0;
      scores.set(result.id, entry);
    }
  };
  for (const word of words) add((await module.search(word, { filters })).results, 1, true);
  for (const pair of pairs) add((await module.search(pair, { filters })).results, 2, false);
  const entries = [...scores.values()];
  const most = Math.max(0, ...entries.map((entry) => entry.words));
  const best = Math.max(0, ...entries.map((entry) => entry.weight));
  const enough = (entry) => (words.length <= 2 ? entry.words === most : entry.weight >= best / 2);
  return entries.filter((entry) => entry.words > 0 && enough(entry))
    .sort((a, b) => b.points - a.points || b.result.score - a.result.score);
}

// The first page: of the results that score as well as the tenth (at most POOL), a name equal to the query
// leads; then the scores; among equal scores, names containing the query (see nameMatch). Their data is
// kept for showing them.
const POOL = 30;
async function firstPage(entries, terms, data) {
  const cut = entries[PAGE_SIZE - 1]?.points;
  const pool = entries.slice(0, POOL).filter((entry, index) => index < PAGE_SIZE || entry.points === cut);
  await Promise.all(pool.map(async (entry) => data.set(entry.result.id, await entry.result.data())));
  const order = new Map(pool.map((entry, index) => [entry, index]));
  const match = (entry, term) => nameMatch(data.get(entry.result.id), term);
  const exact = (entry, term) => (match(entry, term) >= 3000 ? match(entry, term) : 0); // a name equal to it
  const score = (entry) => Math.max(...terms.map((term) => match(entry, term)));
  const named = (entry, term) => namedIn(data.get(entry.result.id), term);
  const short = (entry) => shortness(namesOf(data.get(entry.result.id).meta.names)[0] ?? "");
  // Equal to the query as typed, then equal to it without its filler words, then named in it (as typed,
  // then without filler words), then the rest.
  pool.sort((a, b) => exact(b, terms[0]) - exact(a, terms[0]) || exact(b, terms[1]) - exact(a, terms[1])
    || named(b, terms[0]) - named(a, terms[0]) || named(b, terms[1]) - named(a, terms[1])
    || b.points - a.points || score(b) - score(a) || short(b) - short(a) || order.get(a) - order.get(b));
  return [...pool, ...entries.slice(pool.length)].map((entry) => entry.result);
}

function elsewhereMatches(elsewhere, term) {
  const padded = ` ${term} `;
  return elsewhere.filter((entry) => entry.goi_la.some((words) => padded.includes(` ${words} `)));
}

function showElsewhere(matches) {
  elsewhereBox.replaceChildren(...matches.map((entry) => {
    const box = document.createElement("div");
    box.className = "admonition info tthc-elsewhere";
    const title = document.createElement("p");
    title.className = "admonition-title";
    title.textContent = `${entry.viec}: không làm tại xã`;
    const body = document.createElement("p");
    body.textContent = `Nơi giải quyết: ${entry.co_quan}.`;
    box.append(title, body);
    if (entry.lien_ket) {
      const link = document.createElement("a");
      link.href = entry.lien_ket;
      link.rel = "noopener";
      link.textContent = "Xem trang của cơ quan giải quyết";
      body.append(" ", link);
    }
    return box;
  }));
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

// Results of a query from one engine (the names or Pagefind), of the query as typed or of the reading of
// its corrections that finds the better first result; the status line then says what was searched.
async function find(engine, query, readings, filters, total) {
  const procedures = { ...filters, nhom: PROCEDURES };
  let [results, note] = [[], ""];
  for (const fixed of (readings ?? []).filter((reading) => reading.join(" ") !== query.words.join(" "))) {
    const found = await rank(engine, { words: fixed, pairs: pairsOf(fixed) }, procedures, total);
    if (found.length && !(results[0]?.points >= found[0].points)) {
      [results, note] = [found, `Kết quả cho “${fixed.join(" ")}”. `];
      query = { words: fixed, pairs: pairsOf(fixed) };
    }
  }
  if (!results.length && query.words.length && readings) results = await rank(engine, query, procedures, total);
  return { engine, results, note, query };
}

async function run({ full = false } = {}) {
  const ticket = ++latest;
  const typed = input.value.trim();
  const term = fold(typed);
  const filters = chosenFilters();
  const url = new URL(location.href);
  term ? url.searchParams.set("q", typed) : url.searchParams.delete("q");
  history.replaceState(null, "", url);
  document.documentElement.classList.toggle("tthc-query", Boolean(term));
  if (!term && !Object.keys(filters).length) {
    for (const element of [list, otherList, elsewhereBox]) element.replaceChildren();
    otherHeading.hidden = fullTextButton.hidden = true;
    statusLine.textContent = "";
    form.dataset.shown = "";
    return;
  }
  const loaded = await searchWords();
  const code = typed.match(/^\d\.\d{6}$/);
  const query = code ? { words: [typed], pairs: [] } : term ? withoutFiller(typed) : { words: [], pairs: [] };
  const unknown = !code && query.words.some((word) => !loaded.known.has(word) && !/\d/.test(word));
  const readings = unknown ? corrections(query.words, query.marked, loaded, await knownPairs()) : [];
  // The pages' names answer when one of them holds every word sought (a corrected word counts as the word
  // it was corrected to); otherwise, or when asked for, the full text is searched. Words of a question
  // that no name holds are weighed against the pages' text: the names alone found the right procedure
  // for fewer questions (bench/RESULTS.md).
  let found = full ? null : await find(loaded.names, query, readings, filters, loaded.procedures);
  const named = found && (!term || !readings || found.results[0]?.words === found.query.words.length);
  if (!named) found = await find(await pagefind(loaded.parts), query, readings, filters, loaded.procedures);
  const { engine, note } = found;
  const data = new Map();
  // Names are matched as typed and without the filler words (a name may hold "cho", "và", "các"…).
  const results = term ? await firstPage(found.results, [term, found.query.words.join(" ")], data)
    : (await engine.search(null, { filters: { ...filters, nhom: PROCEDURES } })).results;
  const others = term && readings && !Object.keys(filters).length
    ? (await rank(engine, found.query, { nhom: OTHER_PAGES }, loaded.procedures)).slice(0, OTHER_SIZE).map((entry) => entry.result) : [];
  if (ticket !== latest) return; // a newer keystroke already started another search
  showElsewhere(term ? elsewhereMatches(loaded.elsewhere, `${term} | ${found.query.words.join(" ")}`) : []);
  shown = results;
  list.replaceChildren();
  statusLine.textContent = note + (results.length ? `Tìm thấy ${results.length} thủ tục.`
    : `Không tìm thấy thủ tục nào. Gọi ${form.dataset.phone} để được hướng dẫn, hoặc chọn lĩnh vực bên dưới.`);
  document.documentElement.classList.toggle("tthc-noresult", !results.length);
  const otherData = await Promise.all(others.map((result) => result.data()));
  await showMore(ticket, data);
  if (ticket !== latest) return;
  otherList.replaceChildren(...otherData.map(resultItem));
  otherHeading.hidden = !otherData.length;
  fullTextButton.hidden = !named || !term || !readings;
  // Marks which query and filters the list shows, and what was searched, for tests and benchmarks.
  form.dataset.searched = named ? "names" : "full text";
  form.dataset.shown = JSON.stringify([typed, filters]);
}

async function showMore(ticket, data = new Map()) {
  const listed = list.querySelectorAll("li:not(.tthc-results__more)").length;
  const next = shown.slice(listed, listed + PAGE_SIZE);
  const items = await Promise.all(next.map((result) => data.get(result.id) ?? result.data()));
  if (ticket !== latest) return;
  list.querySelector("li.tthc-results__more")?.remove();
  list.append(...items.map(resultItem));
  if (listed + items.length < shown.length) {
    const more = document.createElement("li");
    more.className = "tthc-results__more";
    const button = document.createElement("button");
    button.type = "button";
    button.className = "md-button";
    button.textContent = "Xem thêm kết quả";
    button.addEventListener("click", () => showMore(latest));
    more.append(button);
    list.append(more);
  }
}

let timer;
input.addEventListener("focus", searchWords, { once: true });
input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(run, 150); });
for (const select of selects) select.addEventListener("change", () => run());
form.addEventListener("submit", (event) => { event.preventDefault(); run(); });
fullTextButton.addEventListener("click", () => run({ full: true }));

const initial = new URL(location.href).searchParams.get("q");
if (initial) { input.value = initial; }
form.dataset.ready = "true";
if (initial) run();
