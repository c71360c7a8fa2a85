/*
 * lawtrack search worker: Material's own search worker, with each query prepared for Japanese
 * and for provision numbers before Material sees it. Why and how: docs/search.md.
 *
 * Material lets a site bring its own search worker (the `search` URL of its config); the
 * template override in overrides/main.html points that URL here and passes the file name of
 * Material's worker in the fragment (`lawtrack-search.js#search.<hash>.min.js`). This file
 * loads Material's worker, takes over its message listener and rewrites every query:
 *
 *   1. NFKC: full-width letters and digits become ASCII (Ａｒｔ．５ → Art.5, 第５条 → 第5条);
 *   2. a provision number in any form becomes the alias token the build adds to that provision
 *      (第五条, 第5条, 5条, Article 5, Art. 5 → art_5_; 附則第一条 → suppl_art_1_; 第三章 →
 *      ch_3_; C-6 → c_6_; Part 2 → part_2_), see scripts/lawtrack/searchindex.py;
 *   3. Japanese runs are cut into words by the segmenter that cut the indexed text
 *      (TinySegmenter, loaded by Material for `lang: ja`), and lone particles are dropped.
 *
 * It also stops Material's query-time splitting of Han runs against the index vocabulary: that
 * step never matches a run's last character and drops the rest of the run (研究開発 became 研究,
 * 人工知能戦略本部 became 人工 知能 戦略). Works as a worker and under iframe-worker (file://).
 */
"use strict"

const QUERY = 2

/* Where this script lives: a worker's location, or the iframe-worker's script element */
const here = typeof document !== "undefined" && document.currentScript
  ? document.currentScript.src
  : self.location.href
const material = new URL(
  (new URL(here).hash.slice(1).split("?")[0]) || "search.a7633da7.min.js", here
).href

/* Take Material's message listener instead of letting it see messages first */
let forward = null
const addEventListenerOriginal = self.addEventListener
self.addEventListener = function (type, listener, options) {
  if (type === "message" && forward === null) {
    forward = listener
    return undefined
  }
  return addEventListenerOriginal.call(self, type, listener, options)
}
const loaded = Promise.resolve(importScripts(material)).then(() => {
  self.addEventListener = addEventListenerOriginal
  keepHanRunsWhole(self.lunr)
})

addEventListenerOriginal.call(self, "message", ev => {
  const message = ev.data
  loaded.then(() => forward({
    data: message && message.type === QUERY
      ? { type: QUERY, data: prepareQuery(message.data) }
      : message
  }))
})

/**
 * Hide the vocabulary from Material's `value in index` checks (its Han-run splitting); Lunr
 * itself only reads postings with `index[term]`, which the proxy passes through.
 */
function keepHanRunsWhole(lunr) {
  if (!lunr || !lunr.Builder)
    return
  const build = lunr.Builder.prototype.build
  lunr.Builder.prototype.build = function () {
    const index = build.call(this)
    index.invertedIndex = new Proxy(index.invertedIndex, { has: () => false })
    return index
  }
}

/* Provision numbers ------------------------------------------------------------------------- */

const KANJI_DIGITS = { "〇": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9 }
const KANJI_UNITS = { "十": 10, "百": 100, "千": 1000 }
const NUMBER = "([0-9]+|[〇一二三四五六七八九十百千]+)"
const JA_ARTICLE = new RegExp(
  `(附則\\s*)?(?:第${NUMBER}|([0-9]+))条(?:の${NUMBER})?(?:第?${NUMBER}項)?(?:第?${NUMBER}号)?`,
  "g"
)
const JA_CHAPTER = new RegExp(`第${NUMBER}章`, "g")
const EN_KINDS = { article: "art", articles: "art", art: "art", chapter: "ch", ch: "ch",
  part: "part", commitment: "commitment", action: "action" }
const EN_NUMBERED = /\b(articles?|art|chapter|ch|part|commitment|action)\.?\s*(\d+)(?:-(\d+))?\b/gi
const LETTER_NUMBER = /\b([a-z])-(\d+)\b/gi

/** Arabic or kanji numerals (五, 十二, 二十八, 百三) to an Arabic string ("5", "12"…) */
function arabic(text) {
  if (/^[0-9]+$/.test(text))
    return String(parseInt(text, 10))
  let total = 0
  let digit = 0
  for (const ch of text) {
    if (ch in KANJI_DIGITS) {
      digit = digit * 10 + KANJI_DIGITS[ch]
    } else {
      total += (digit || 1) * KANJI_UNITS[ch]
      digit = 0
    }
  }
  return String(total + digit)
}

/** The alias token of a provision id: art-5 → art_5_ (as searchindex.alias_token) */
function alias(...parts) {
  return ` ${parts.join("_").toLowerCase()}_ `
}

function replaceNumbers(query) {
  return query
    .replace(JA_ARTICLE, (_, suppl, kanji, digits, branch) => {
      const kind = suppl ? "suppl_art" : "art"
      const n = arabic(kanji || digits)
      return branch ? alias(kind, n, arabic(branch)) : alias(kind, n)
    })
    .replace(JA_CHAPTER, (_, n) => alias("ch", arabic(n)))
    .replace(EN_NUMBERED, (_, kind, n, branch) => branch
      ? alias(EN_KINDS[kind.toLowerCase()], n, branch)
      : alias(EN_KINDS[kind.toLowerCase()], n))
    .replace(LETTER_NUMBER, (_, letter, n) => alias(letter, n))
}

/* Japanese words ----------------------------------------------------------------------------- */

const JAPANESE_RUN = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}ー々〆ヶ]+/gu
const PARTICLE = /^[\p{sc=Hiragana}]$/u

function segmentJapanese(query) {
  const segmenter = self.lunr && self.lunr.segmenter
  if (!segmenter)
    return query
  return query.replace(JAPANESE_RUN, run => {
    const words = segmenter.segment(run)
    const kept = words.filter(word => !PARTICLE.test(word))
    return ` ${(kept.length ? kept : words).join(" ")} `
  })
}

/** The query Material's worker receives */
function prepareQuery(query) {
  if (typeof query !== "string")
    return query
  return segmentJapanese(replaceNumbers(query.normalize("NFKC")))
    .replace(/\s+/g, " ")
    .trim()
}

