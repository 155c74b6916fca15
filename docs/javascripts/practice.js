/* Practice questions and exams for AWS Cloud Notes. Loaded only by pages that show questions.
 *
 * On a topic page: each question (a <form> with radio buttons or checkboxes, readable without
 * JavaScript through its <details>) gets a Check button and spoken feedback.
 * On the practice page: an exam drawn from the question bank (practice/bank.js, built from data), in exam
 * proportion per domain, optionally timed, with flags, a review list and a score per domain.
 * The attempt and past scores live in this browser's localStorage only. Material's instant
 * navigation re-runs this script on every page it loads, so everything here is safe to run twice.
 */
(function () {
  "use strict";

  var KEY = "aws-cloud-notes-practice-v1";
  var FULL = 65, QUICK = 10, MINUTES = 90;  /* FULL is replaced by the bank's `size` (from the exam guide) */

  function load() {
    try { return JSON.parse(localStorage.getItem(KEY)) || {}; } catch (e) { return {}; }
  }
  function save(state) {
    try { localStorage.setItem(KEY, JSON.stringify(state)); } catch (e) { /* private mode: no memory */ }
  }
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === "text") node.textContent = attrs[name];
      else if (name in node && name !== "list") node[name] = attrs[name];
      else node.setAttribute(name, attrs[name]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }
  function same(a, b) {
    return a.length === b.length && a.every(function (x) { return b.indexOf(x) >= 0; });
  }
  function letters(indexes) {
    return indexes.map(function (i) { return String.fromCharCode(65 + i); }).join(", ");
  }

  /* ---- Questions on a topic page ---------------------------------------------------------- */

  function initPageQuestions(root) {
    root.querySelectorAll("form.practice__question:not([data-ready])").forEach(function (form) {
      form.setAttribute("data-ready", "");
      var answer = form.getAttribute("data-answer").split(",").map(Number);
      var button = form.querySelector(".practice__check");
      var feedback = form.querySelector(".practice__feedback");
      var details = form.querySelector(".practice__answer");
      button.hidden = false;
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var chosen = Array.prototype.map.call(form.querySelectorAll("input:checked"), function (i) { return Number(i.value); });
        if (!chosen.length) { feedback.textContent = "Choose an answer first."; return; }
        var right = same(chosen, answer);
        form.classList.toggle("practice__question--right", right);
        form.classList.toggle("practice__question--wrong", !right);
        form.querySelectorAll("label.practice__option").forEach(function (label, index) {
          label.classList.toggle("practice__option--answer", answer.indexOf(index) >= 0);
          label.classList.toggle("practice__option--missed", chosen.indexOf(index) >= 0 && answer.indexOf(index) < 0);
        });
        feedback.textContent = right ? "Correct." : "Not quite. The answer is marked; the reasons are below.";
        details.open = true;
      });
    });
  }

  /* ---- The practice exam ------------------------------------------------------------------ */

  function draw(bank, mode, domain) {
    var pool = bank.questions.slice();
    shuffle(pool);
    if (mode === "domain") return pool.filter(function (q) { return q.d === domain; }).slice(0, FULL).map(id);
    var size = mode === "quick" ? QUICK : FULL;
    var counts = shares(bank.domains, size);
    var picked = [];
    bank.domains.forEach(function (d, i) {
      picked = picked.concat(pool.filter(function (q) { return q.d === d.id; }).slice(0, counts[i]));
    });
    shuffle(picked);
    return picked.map(id);
  }
  function id(q) { return q.id; }
  function shares(domains, size) {
    /* Largest remainder: 65 questions at 24/30/34/12 percent give 16, 19, 22 and 8. */
    var exact = domains.map(function (d) { return d.weight * size / 100; });
    var counts = exact.map(Math.floor);
    var left = size - counts.reduce(function (a, b) { return a + b; }, 0);
    exact.map(function (x, i) { return [x - Math.floor(x), i]; })
      .sort(function (a, b) { return b[0] - a[0] || a[1] - b[1]; })
      .slice(0, left).forEach(function (pair) { counts[pair[1]] += 1; });
    return counts;
  }
  function shuffle(list) {
    for (var i = list.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1)), t = list[i]; list[i] = list[j]; list[j] = t;
    }
  }

  function initExam(root) {
    var host = root.querySelector(".practice-exam:not([data-ready])");
    var source = root.querySelector("#practice-settings");
    if (!host || !source) return;
    host.setAttribute("data-ready", "");
    var settings = JSON.parse(source.textContent);
    FULL = settings.size || FULL;
    var bank = null, byId = {};
    var domainName = {};
    settings.domains.forEach(function (d) { domainName[d.id] = d.name; });
    var live = el("p", { className: "practice-exam__live", role: "status", "aria-live": "polite" });
    var view = el("div", { className: "practice-exam__view" });
    host.appendChild(view);
    host.appendChild(live);
    var timer = null;

    /* The bank is a script of its own (practice/bank.js), loaded when an exam starts or resumes, so
       the first view stays light. A script, not fetch(): a page opened from disk may load a script
       beside it, but may not fetch one. The script only sets window.practiceBank to plain data. */
    function withBank(then) {
      if (bank) { then(); return; }
      view.textContent = "";
      view.appendChild(el("p", { text: "Loading the questions…" }));
      function failed() {
        view.textContent = "";
        view.appendChild(el("p", { text: "The questions could not be loaded. Check your connection and reload the page; every question is also on its topic page." }));
      }
      function loaded() {
        var data = window.practiceBank;
        if (!data || !data.questions) { failed(); return; }
        bank = { domains: settings.domains, questions: data.questions };
        bank.questions.forEach(function (q) { byId[q.id] = q; });
        then();
      }
      if (window.practiceBank) { loaded(); return; }
      var script = document.createElement("script");
      script.src = settings.bank;
      script.onload = loaded;
      script.onerror = failed;
      document.head.appendChild(script);
    }

    function state() { return load(); }
    function attempt() {
      var a = state().attempt;
      if (!a || a.finished) return null;
      return !bank || a.ids.every(function (i) { return byId[i]; }) ? a : null;  /* a question removed since: start again */
    }
    function store(a) { var s = state(); s.attempt = a; save(s); }
    function say(text) { live.textContent = ""; setTimeout(function () { live.textContent = text; }, 50); }
    function focusHeading() { var h = view.querySelector("h2, h3"); if (h) { h.setAttribute("tabindex", "-1"); h.focus(); } }

    function start() {
      clearInterval(timer);
      view.textContent = "";
      var a = attempt();
      var history = state().history || [];
      var form = el("form", { className: "practice-exam__start" });
      var modes = el("fieldset", {}, [el("legend", { text: "What to practice" })]);
      [["full", "A full practice exam: " + FULL + " questions, in the exam's proportions"],
       ["quick", "A quick quiz: " + QUICK + " questions"],
       ["domain", "One domain only"]].forEach(function (m, i) {
        modes.appendChild(el("label", {}, [el("input", { type: "radio", name: "mode", value: m[0], checked: i === 0 }), document.createTextNode(" " + m[1])]));
      });
      var select = el("select", { name: "domain", "aria-label": "Domain" });
      settings.domains.forEach(function (d) { select.appendChild(el("option", { value: String(d.id), text: "Domain " + d.id + ": " + d.name })); });
      modes.appendChild(el("p", {}, [select]));
      var timed = el("label", {}, [el("input", { type: "checkbox", name: "timed" }), document.createTextNode(" Timed: " + MINUTES + " minutes")]);
      form.appendChild(el("h2", { text: "Start a practice exam" }));
      form.appendChild(modes);
      form.appendChild(el("p", {}, [timed]));
      form.appendChild(el("p", {}, [el("button", { type: "submit", className: "md-button md-button--primary", text: "Start" })]));
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var mode = form.elements.mode.value, domain = Number(form.elements.domain.value), timed = form.elements.timed.checked;
        withBank(function () {
          var deadline = timed ? Date.now() + MINUTES * 60000 : null;
          store({ mode: mode, domain: mode === "domain" ? domain : null, ids: draw(bank, mode, domain), answers: {}, flags: {}, index: 0, deadline: deadline, finished: false });
          show(0);
          focusHeading();
        });
      });
      if (a) {
        var resume = el("button", { type: "button", className: "md-button", text: "Resume your exam (question " + (a.index + 1) + " of " + a.ids.length + ")" });
        resume.addEventListener("click", function () { withBank(function () { show(a.index); }); });
        view.appendChild(el("p", { className: "practice-exam__resume" }, [resume]));
      }
      view.appendChild(form);
      if (history.length) {
        var list = el("ol", { className: "practice-exam__history" });
        history.slice(-10).reverse().forEach(function (h) {
          list.appendChild(el("li", { text: new Date(h.at).toLocaleString() + ": " + h.label + ", " + h.right + " of " + h.total + " (" + pct(h.right, h.total) + ")" }));
        });
        view.appendChild(el("h3", { text: "Your past scores (kept in this browser only)" }));
        view.appendChild(list);
      }
    }

    function pct(right, total) { return total ? Math.round(100 * right / total) + "%" : "-"; }

    function tick(a) {
      clearInterval(timer);
      if (!a.deadline) return;
      var clock = view.querySelector(".practice-exam__timer");
      function update() {
        if (!document.body.contains(view)) { clearInterval(timer); return; }  /* left the page */
        var left = a.deadline - Date.now();
        if (left <= 0) { clearInterval(timer); say("Time is up."); finish(); return; }
        var m = Math.floor(left / 60000), s = Math.floor(left / 1000) % 60;
        if (clock) clock.textContent = m + ":" + (s < 10 ? "0" : "") + s + " left";
      }
      update();
      timer = setInterval(update, 1000);
    }

    function show(index) {
      var a = attempt();
      if (!a || !bank) { start(); return; }
      a.index = Math.max(0, Math.min(index, a.ids.length - 1));
      store(a);
      var q = byId[a.ids[a.index]];
      var multi = q.a.length > 1;
      var chosen = a.answers[q.id] || [];
      view.textContent = "";
      var header = el("p", { className: "practice-exam__progress" }, [
        document.createTextNode("Question " + (a.index + 1) + " of " + a.ids.length + " · Domain " + q.d + ": " + domainName[q.d]),
        a.deadline ? el("span", { className: "practice-exam__timer", role: "timer" }) : null
      ]);
      var form = el("form", { className: "practice-exam__question", "data-id": q.id });
      var fieldset = el("fieldset", {}, [el("legend", {}, [el("h2", { className: "practice-exam__stem", text: q.s })])]);
      q.o.forEach(function (text, i) {
        var input = el("input", { type: multi ? "checkbox" : "radio", name: "answer", value: String(i), checked: chosen.indexOf(i) >= 0 });
        fieldset.appendChild(el("label", { className: "practice__option" }, [input, document.createTextNode(" " + letters([i]) + ". " + text)]));
      });
      form.appendChild(fieldset);
      form.addEventListener("change", function () {
        var b = attempt();
        b.answers[q.id] = Array.prototype.map.call(form.querySelectorAll("input:checked"), function (i) { return Number(i.value); });
        store(b);
      });
      var flagged = !!a.flags[q.id];
      var flag = el("button", { type: "button", className: "md-button", "aria-pressed": String(flagged), text: flagged ? "Flagged for review" : "Flag for review" });
      flag.addEventListener("click", function () {
        var b = attempt();
        b.flags[q.id] = !b.flags[q.id];
        store(b);
        flag.setAttribute("aria-pressed", String(b.flags[q.id]));
        flag.textContent = b.flags[q.id] ? "Flagged for review" : "Flag for review";
        say(b.flags[q.id] ? "Flagged for review." : "Flag removed.");
      });
      var prev = el("button", { type: "button", className: "md-button", text: "Previous", disabled: a.index === 0 });
      prev.addEventListener("click", function () { show(a.index - 1); focusHeading(); });
      var last = a.index === a.ids.length - 1;
      var next = el("button", { type: "button", className: "md-button md-button--primary", text: last ? "Review answers" : "Next" });
      next.addEventListener("click", function () { if (last) review(); else { show(a.index + 1); focusHeading(); } });
      var toReview = el("button", { type: "button", className: "md-button", text: "Review all" });
      toReview.addEventListener("click", review);
      view.appendChild(header);
      view.appendChild(form);
      view.appendChild(el("p", { className: "practice-exam__hint", text: multi ? "Choose " + q.a.length + "." : "Choose one." }));
      view.appendChild(el("p", { className: "practice-exam__buttons" }, [prev, next, flag, toReview]));
      tick(a);
    }

    function review() {
      var a = attempt();
      if (!a) { start(); return; }
      view.textContent = "";
      view.appendChild(el("h2", { text: "Review your answers" }));
      var answered = a.ids.filter(function (i) { return (a.answers[i] || []).length; }).length;
      view.appendChild(el("p", { text: answered + " of " + a.ids.length + " answered; " + a.ids.filter(function (i) { return a.flags[i]; }).length + " flagged." }));
      var list = el("ol", { className: "practice-exam__review" });
      a.ids.forEach(function (qid, i) {
        var status = ((a.answers[qid] || []).length ? "answered" : "not answered") + (a.flags[qid] ? ", flagged" : "");
        var go = el("button", { type: "button", className: "practice-exam__jump", text: "Question " + (i + 1) + ": " + status });
        go.addEventListener("click", function () { show(i); focusHeading(); });
        list.appendChild(el("li", { className: a.flags[qid] ? "practice-exam__flagged" : "" }, [go]));
      });
      view.appendChild(list);
      var done = el("button", { type: "button", className: "md-button md-button--primary", text: "Finish and see my score" });
      done.addEventListener("click", finish);
      view.appendChild(el("p", {}, [done]));
      focusHeading();
      tick(a);
    }

    function finish() {
      clearInterval(timer);
      var a = attempt();
      if (!a) { start(); return; }
      a.finished = true;
      var per = {}, right = 0, wrong = [];
      a.ids.forEach(function (qid) {
        var q = byId[qid], ok = same(a.answers[qid] || [], q.a);
        per[q.d] = per[q.d] || { right: 0, total: 0 };
        per[q.d].total += 1;
        if (ok) { per[q.d].right += 1; right += 1; } else wrong.push(q);
      });
      var s = state();
      var label = a.mode === "full" ? "full exam" : a.mode === "quick" ? "quick quiz" : "Domain " + a.domain;
      s.history = (s.history || []).concat([{ at: Date.now(), label: label, right: right, total: a.ids.length, per: per }]).slice(-50);
      s.attempt = a;
      save(s);
      view.textContent = "";
      view.appendChild(el("h2", { text: "Your score: " + right + " of " + a.ids.length + " (" + pct(right, a.ids.length) + ")" }));
      view.appendChild(el("p", { text: "The real exam reports a scaled score, not a percentage; use this to find the domains to study." }));
      var table = el("table", { className: "practice-exam__scores" });
      var head = el("tr", {}, [el("th", { scope: "col", text: "Domain" }), el("th", { scope: "col", text: "Right" }), el("th", { scope: "col", text: "Score" })]);
      table.appendChild(el("thead", {}, [head]));
      var body = el("tbody");
      bank.domains.forEach(function (d) {
        if (!per[d.id]) return;
        body.appendChild(el("tr", { "data-domain": String(d.id) }, [
          el("th", { scope: "row", text: "Domain " + d.id + ": " + d.name }),
          el("td", { text: per[d.id].right + " of " + per[d.id].total }),
          el("td", { text: pct(per[d.id].right, per[d.id].total) })
        ]));
      });
      table.appendChild(body);
      view.appendChild(el("div", { className: "data-table" }, [table]));
      if (wrong.length) {
        view.appendChild(el("h3", { text: "What to read again" }));
        var list = el("ol", { className: "practice-exam__wrong" });
        wrong.forEach(function (q) {
          var why = el("ul", {});
          q.o.forEach(function (text, i) {
            var mark = q.a.indexOf(i) >= 0 ? "Correct: " : "Wrong: ";
            why.appendChild(el("li", { text: mark + text + ". " + q.w[i] }));
          });
          list.appendChild(el("li", {}, [
            el("p", { text: q.s }),
            el("p", { text: "Your answer: " + ((a.answers[q.id] || []).length ? letters(a.answers[q.id]) : "none") + ". The answer: " + letters(q.a) + "." }),
            why,
            el("p", {}, [
              el("a", { href: settings.root + q.u, text: "Read the section that answers it" }),
              document.createTextNode(" · "),
              el("a", { href: settings.root + q.q, text: "This question on its page" })
            ])
          ]));
        });
        view.appendChild(list);
      }
      var again = el("button", { type: "button", className: "md-button md-button--primary", text: "Start another" });
      again.addEventListener("click", start);
      view.appendChild(el("p", {}, [again]));
      say("Finished: " + right + " of " + a.ids.length + " right.");
      focusHeading();
    }

    var current = attempt();
    if (current) withBank(function () { show(current.index); }); else start();
  }

  function openLinked() {
    var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target && target.matches("form.practice__question")) target.querySelector(".practice__answer").open = true;
  }
  function init() {
    initPageQuestions(document);
    initExam(document);
    openLinked();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
