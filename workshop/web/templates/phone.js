/* The phone page without reloads: forms sent in place, focus kept, drafts kept, live updates with a fallback.
   Every part also works without this script (plain forms, a refresh link, waiting pages that reload). */
(function () {
  "use strict";
  if (!window.fetch || !window.DOMParser || !document.querySelector || !window.URLSearchParams) return;
  var first = document.querySelector("main");
  var pageUrl = first.getAttribute("data-page"), eventsUrl = first.getAttribute("data-events");
  var pollUrl = first.getAttribute("data-poll");
  var words = JSON.parse(first.getAttribute("data-words") || "{}");
  var held = null, busy = false, again = false, loadedAt = Date.now(), latest = {}, sending = 0, missed = "";
  var store = (function () { try { return window.sessionStorage; } catch (e) { return null; } })();

  function main() { return document.querySelector("main"); }
  // Which page a notice of something not sent belongs to: the step (and whether the session closed) it first
  // showed on. It stays there until it is dealt with, and is old news on any later one.
  function pageOf(m) { return m.getAttribute("data-step") + (m.getAttribute("data-mode") === "closed" ? ":closed" : ""); }
  function fill(text, n) { return String(text).replace("{n}", n); }
  // One live region for everything that was just saved or went wrong (it stays when <main> is replaced).
  // (Said 60 ms after clearing, so that a screen reader hears the same words twice; a page that asks something else
  // by then cancels it: its news is not that.)
  var announcing = null;
  function announce(text) {
    var live = document.getElementById("live");
    if (!live) return;
    live.textContent = "";
    clearTimeout(announcing);
    announcing = setTimeout(function () { announcing = null; live.textContent = text; }, 60);
  }

  // ----- drafts: what someone typed survives the room moving on ---------------------------------------------
  // A step's draft (its text, and the topic chosen for it) is kept until it is sent or thrown away: also when the room
  // moves on, so that it is back in its field when the room comes back to that step.
  function draftKey(step) { return "concept:" + pageUrl + ":" + step; }
  function keep(key, value) { if (value) store.setItem(key, value); else store.removeItem(key); }
  function saveDraft(m) {
    var text = m.querySelector("textarea#text"), form = text && text.form, pick = m.querySelector("select#category");
    if (!store || !text || (form && form.elements.card)) return;  // an edit of a sent card is no draft
    var step = m.getAttribute("data-step");
    keep(draftKey(step), text.value.trim() ? text.value : "");
    if (pick) keep(draftKey(step) + ":onderwerp", pick.value);
  }
  function forget(step) {
    if (store) { store.removeItem(draftKey(step)); store.removeItem(draftKey(step) + ":onderwerp"); }
  }
  function restoreDraft(m) {
    var text = m.querySelector("textarea#text"), pick = m.querySelector("select#category");
    if (!store || !text || (text.form && text.form.elements.card)) return;
    var step = m.getAttribute("data-step"), kept = store.getItem(draftKey(step));
    var topic = store.getItem(draftKey(step) + ":onderwerp");
    if (kept && !text.value) text.value = kept;
    if (pick && !pick.value && topic && [].some.call(pick.options, function (o) { return o.value === topic; })) {
      pick.value = topic;  // only a topic the step still offers
    }
  }
  // Text the room moved on from: shown in amber on the next page, until it is put back or thrown away; back in its own
  // field (with a word about it) when the room comes back to the step it was typed for.
  var orphanKey = "verweesd:" + pageUrl;
  function orphan(text, m, edit) {
    if (!store || !text.trim()) return;
    var pick = m.querySelector("select#category");
    store.setItem(orphanKey, JSON.stringify({text: text, title: m.getAttribute("data-step-title"), edit: !!edit,
      from: m.getAttribute("data-step"), topic: pick ? pick.value : ""}));
  }
  function showOrphan(m) {
    var place = m.querySelector("#concept"), raw = store && store.getItem(orphanKey);
    if (!place || !raw) return;
    var kept = JSON.parse(raw), target = m.querySelector("textarea#text");
    var home = kept.from === m.getAttribute("data-step") && m.getAttribute("data-mode") !== "closed";
    if (home && !kept.edit && target && !(target.form && target.form.elements.card)) { putHome(m, kept, target); return; }
    if (!kept.on || home) { kept.on = pageOf(m); kept.gone = false; store.setItem(orphanKey, JSON.stringify(kept)); }
    else if (kept.on !== pageOf(m) || kept.gone) {  // a later page: old news here (its step's draft still keeps it)
      if (kept.from && !kept.edit) { kept.gone = true; store.setItem(orphanKey, JSON.stringify(kept)); }
      else store.removeItem(orphanKey);
      return;
    }
    var box = document.createElement("div");
    box.className = "box warn";
    box.setAttribute("role", "alert");
    var ended = m.getAttribute("data-mode") === "closed";
    if (kept.edit) line(box, ended ? words.orphanEditClosed : words.orphanEdit);
    else line(box, ended ? words.orphanClosed : words.orphan);
    var said = document.createElement("blockquote");
    said.className = "said";
    said.textContent = kept.text;
    box.appendChild(said);
    var row = document.createElement("div");
    row.className = "pair";
    if (target) {
      row.appendChild(button(words.put, function () {
        target.value = target.value ? target.value + "\n" + kept.text : kept.text;
        store.removeItem(orphanKey);
        if (kept.from && kept.from !== m.getAttribute("data-step")) forget(kept.from);  // it lives here now
        box.remove();
        saveDraft(main());
        target.focus();
      }));
    } else {  // nowhere on this page to put it back: the person keeps it themselves
      line(box, words.keepIt);
    }
    // Thrown away only with a way back: "Weggegooid." and "Terugzetten", which takes the focus (never <body>).
    row.appendChild(button(words.drop, function () {
      store.removeItem(orphanKey);
      if (kept.from && !kept.edit) forget(kept.from);
      var gone = document.createElement("div"), undo = button(words.undo, function () {
        store.setItem(orphanKey, JSON.stringify(kept));
        if (kept.from && !kept.edit) {
          store.setItem(draftKey(kept.from), kept.text);
          if (kept.topic) store.setItem(draftKey(kept.from) + ":onderwerp", kept.topic);
        }
        gone.remove();
        showOrphan(main());
        var back = main().querySelector("#concept .box.warn");
        focusOn(back, false);
        if (back) announce(spoken(back));  // not "Weggegooid." any longer: what is back
      });
      gone.className = "box";
      line(gone, words.dropped);
      gone.appendChild(undo);
      box.replaceWith(gone);
      undo.focus();
      announce(words.dropped);
    }));
    box.appendChild(row);
    place.appendChild(box);
  }
  function putHome(m, kept, target) {
    store.removeItem(orphanKey);
    if (target.value.indexOf(kept.text) < 0) target.value = target.value ? target.value + "\n" + kept.text : kept.text;
    var pick = m.querySelector("select#category");
    if (pick && !pick.value && [].some.call(pick.options, function (o) { return o.value === kept.topic; })) {
      pick.value = kept.topic;
    }
    saveDraft(m);
    var box = document.createElement("div");
    box.className = "box ok";
    box.setAttribute("role", "status");
    line(box, words.backHome);
    m.querySelector("#concept").appendChild(box);
  }
  function line(box, text) {
    var p = document.createElement("p");
    p.textContent = text;
    box.appendChild(p);
  }
  function button(text, then) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "secondary";
    b.textContent = text;
    b.addEventListener("click", then);
    return b;
  }

  // ----- replacing the page in place -------------------------------------------------------------------------
  function typing(m) {
    var el = document.activeElement;
    return el && m.contains(el) && (el.tagName === "TEXTAREA" || el.tagName === "SELECT");
  }
  // A fetched page as a document to take <main> from; its <style> (with another nonce) left out, or the
  // browser reports it as a CSP violation.
  function parse(html) {
    return new DOMParser().parseFromString(html.replace(/<style[\s\S]*?<\/style>/, ""), "text/html");
  }
  // Replace <main> with a fresh one: keep what someone is typing, keep focus where it was. `late`: a new step held
  // back while someone typed, let in now.
  function swap(html, focusId, fromForm, late) {
    var doc = parse(html);
    var fresh = doc.querySelector("main"), old = main();
    if (!fresh || !old) return;
    // The session closing is a change of page like a new step (its form is gone, so is what was typed in it).
    var closed = function (el) { return el.getAttribute("data-mode") === "closed"; };
    var same = fresh.getAttribute("data-step") === old.getAttribute("data-step") && closed(fresh) === closed(old);
    var asks = same && fresh.getAttribute("data-mode") === old.getAttribute("data-mode");  // the page asks the same
    if (!asks) {  // old news, also the one about to be said
      clearTimeout(announcing);
      announcing = null;
      var live = document.getElementById("live");
      if (live) live.textContent = "";
    }
    if (same && heldStep) back();  // a new step held back is no longer news: the room came back to this one
    if (same && typing(old) && !focusId) {
      unhold();
      held = html;
      // What this person sent (and what the facilitator did to it) follows at once; the form waits for them.
      var list = old.querySelector("ul.mine"), twin = fresh.querySelector("ul.mine");
      if (list && twin) list.replaceWith(document.importNode(twin, true));
      return;
    }
    // Another step (or the session closed) while someone types in the text field: what they type after it came
    // would go nowhere (the field is gone, the focus on the new heading). The new page waits until they stop typing
    // for a moment or leave the field; the page says so at once, beside the field.
    if (!same && !focusId && !fromForm && !late && writing(old)) {
      holdStep(html, closed(fresh));
      return;
    }
    var active = document.activeElement;
    // A new step is read from its top, as a new page is: focus on its heading, not on a control that happens to
    // have the same id as the one left (which would scroll the page to the bottom of a question not read yet).
    var top = !same && !focusId && active && old.contains(active);
    // An update of the same step keeps the focus on the same element, also one without an id (the heading or the
    // amber box it was put on, a button): found again by its place in the page, else it falls to <body>.
    var kept = same && !focusId && active && old.contains(active) && !active.id ? placeOf(active, old) : null;
    focusId = focusId || (same && active && old.contains(active) && active.id) || "";
    var text = old.querySelector("textarea#text");
    if (same) {
      old.querySelectorAll("textarea[id], select[id]").forEach(function (el) {
        var twin = fresh.querySelector(el.tagName.toLowerCase() + "#" + el.id);
        if (!twin || !el.value || twin.value) return;
        twin.value = el.value;
        // (a select's choice is no part of its copy into this page: marked on its option, or it is lost)
        [].forEach.call(twin.tagName === "SELECT" ? twin.options : [], function (o) { o.defaultSelected = o.value === el.value; });
      });
      // A live update of the same step keeps what the last form was told ("Verstuurd", "Niet opgeslagen");
      // the answer to a new form brings its own. Not once the page asks something else (the results were shown,
      // voting closed): "Je antwoorden zijn opgeslagen" in green beside "antwoorden kan nu niet meer" is no longer
      // the state of the page.
      if (!fromForm && asks) {
        old.querySelectorAll("[data-notice]").forEach(function (note) {
          var twin = note.id && fresh.querySelector("#" + note.id), at = note.parentNode;
          var home = at && at !== old && at.id && fresh.querySelector("#" + at.id);  // beside the control tapped
          if (twin) twin.replaceWith(note.cloneNode(true));
          else if (home) home.appendChild(note.cloneNode(true));
          else fresh.insertBefore(note.cloneNode(true), fresh.querySelector("h1") || null);
        });
      }
    } else if (text && text.value.trim() && !(text.form && text.form.elements.card)) {
      orphan(text.value, old);  // the room moved on while this was typed (its step's draft keeps it too)
      unsentOnce(fresh);
    } else if (text && text.value.trim() && text.value !== text.defaultValue) {
      // A change to a sent card (a fix of what the privacy check flagged) the room moved on from: the card
      // stayed as it was, and the person is told so, with what they typed.
      orphan(text.value, old, true);
      unsentOnce(fresh);
    }
    unhold();  // anything held back is older than this page
    old.replaceWith(document.importNode(fresh, true));
    loadedAt = Date.now();  // the time left it carries was counted just now, not when the page first loaded
    document.title = doc.title;
    if (location.pathname + location.search !== pageUrl) history.replaceState(null, "", pageUrl);
    enhance();
    if (conn && !ended) conn.hidden = closedPage() || !conn.textContent;
    refocus(focusId);
    if (kept) refind(kept);
    if (top) {  // (what was typed and not sent comes first: its box is above the heading)
      var heading = main().querySelector("#concept .box") || main().querySelector("h1");
      if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus(); }
    } else if (!same) {
      window.scrollTo(0, 0);
    }
  }
  // Where an element sits below <main>: each step down as its tag and its place among its parent's children.
  function placeOf(el, root) {
    var steps = [];
    for (; el && el !== root; el = el.parentElement) {
      steps.unshift(el.tagName + ":" + Array.prototype.indexOf.call(el.parentElement.children, el));
    }
    return steps;
  }
  function refind(steps) {  // the element at that place in the new <main>, if it is the same kind of element
    var el = main();
    steps.forEach(function (step) {
      var at = step.split(":"), child = el && el.children[Number(at[1])];
      el = child && child.tagName === at[0] ? child : null;
    });
    focusOn(el && el !== main() ? el : null, true);
  }
  // The refusal of a card the room moved on from shows its text in red; this page shows it in amber, with what can
  // be done with it (put it back, throw it away): one box, not the same words twice.
  function unsentOnce(fresh) {
    var quote = fresh.querySelector("#melding blockquote.said");
    if (quote) quote.closest("#melding").remove();
  }
  // Back where the person was: the same control, or the nearest one that still makes sense.
  function refocus(id) {
    if (!id) return;
    var m = main(), el = document.getElementById(id);
    if ((!el || el.disabled) && /^(add|remove)-/.test(id)) {
      var item = id.replace(/^(add|remove)-/, "");
      el = [document.getElementById("add-" + item), document.getElementById("remove-" + item)]
        .filter(function (b) { return b && !b.disabled; })[0] || document.getElementById("label-" + item);
      if (el && el.tagName === "P") el.setAttribute("tabindex", "-1");
    }
    focusOn(el && m.contains(el) ? el : null, false);
  }
  // The control is gone (the page now asks something else): the news of why, else the page's heading; never
  // nothing (focus on <body>, from where a screen reader starts at the top).
  function focusOn(el, still) {
    var m = main();
    el = el || m.querySelector("#onbewaard, #melding") || m.querySelector("h1");
    if (!el) return;
    if (!el.matches("a, button, input, textarea, select")) el.setAttribute("tabindex", "-1");
    el.focus({preventScroll: still});
  }
  document.addEventListener("focusout", function () {
    setTimeout(function () {
      if (heldStep && sending) return;  // the card tapped away from the field brings the page itself
      if (held && !typing(main())) { var h = held; unhold(); swap(h); }
    }, 50);
  });

  // ----- a new step while someone types: held back until they stop -----------------------------------------------
  var IDLE = 2500;  // ms without a keystroke: the person stopped typing (a slow typist's pause between words is less)
  var typedAt = 0, heldStep = false, heldSince = 0, heldTimer = null;
  document.addEventListener("input", function () { typedAt = Date.now(); }, true);
  function writing(m) {
    var el = document.activeElement;
    return el && el.id === "text" && el.tagName === "TEXTAREA" && m.contains(el) && !!el.value.trim();
  }
  function holdStep(html, ending) {
    held = html;
    var text = document.getElementById("text"), line = document.getElementById("doorgegaan");
    var said = ending ? words.heldClosed : words.heldMoved;
    if (!line) {
      line = document.createElement("p");
      line.id = "doorgegaan";
      line.className = "box warn";
      text.parentNode.insertBefore(line, text.nextSibling);
    }
    if (line.textContent !== said) {  // said once (again if it changed), in sight below the field
      line.textContent = said;
      line.scrollIntoView({block: "nearest"});
      announce(said);
    }
    if (!heldStep) { heldStep = true; heldSince = Date.now(); stillTyping(); }
    var next = parse(html).querySelector("main");
    stale(next, ending);
    heldButton(text, next, ending);
  }
  // Held back, the field's button can no longer send (the laptop refuses it: the room moved on); a tap brings the
  // group's step, with what was typed shown there, not sent. It says so, in a quiet look, not "Versturen".
  function heldButton(text, next, ending) {
    var b = text.form && text.form.querySelector("button[type=submit]");
    if (!b) return;
    if (!b.hasAttribute("data-own")) {
      b.setAttribute("data-own", b.textContent);
      if (!b.classList.contains("secondary")) b.setAttribute("data-quiet", "");
    }
    var edit = text.form.querySelector("input[name=card]") ? "Edit" : "";  // a change to a sent card: not saved
    b.textContent = ending ? words["heldGoEnd" + edit] : fill(words["heldGo" + edit], next.getAttribute("data-number"));
    b.classList.add("secondary");
    b.setAttribute("aria-describedby", "doorgegaan");
  }
  // Held back, this page is no longer the room's step, and says so: the header where the group is now, the step's clock
  // and counts gone (they are the room's, not this page's), and the connection line when the screen follows again.
  function stale(next, ending) {
    var where = main().querySelector("header.top .where"), meta = main().querySelector(".meta");
    if (meta) meta.hidden = true;
    if (where) {
      if (!where.hasAttribute("data-own")) where.setAttribute("data-own", where.textContent);
      where.textContent = ending ? words.heldWhereClosed : fill(words.heldWhere, next.getAttribute("data-number"));
      where.className = "where gone";
    }
    following();
  }
  function ownAgain() {  // the room is on this page's step again (or a new page comes): as it was
    var where = main().querySelector("header.top .where[data-own]"), meta = main().querySelector(".meta");
    if (!where) return;
    where.textContent = where.getAttribute("data-own");
    where.removeAttribute("data-own");
    where.className = "where";
    if (meta) meta.hidden = false;
    var b = main().querySelector("button[data-own]");
    if (b) {
      b.textContent = b.getAttribute("data-own");
      if (b.hasAttribute("data-quiet")) b.classList.remove("secondary");
      ["data-own", "data-quiet", "aria-describedby"].forEach(function (a) { b.removeAttribute(a); });
    }
    clock();
    following();
  }
  // The held page comes in once no key was typed for IDLE ms (never while a card tapped is on its way: its answer
  // is the page).
  function stillTyping() {
    clearTimeout(heldTimer);
    var due = Math.max(heldSince, typedAt) + IDLE - Date.now();
    heldTimer = setTimeout(function () {
      heldTimer = null;
      if (!heldStep) return;
      if (sending || Math.max(heldSince, typedAt) + IDLE > Date.now()) { stillTyping(); return; }
      var h = held;
      unhold();
      if (h) swap(h, "", false, true);
    }, Math.max(due, 200));
  }
  // The room came back to the step held back from: the line goes, and the live region (which still held its words
  // for a screen reader) says so.
  function back() {
    unhold();
    announce(words.returned);
  }
  function unhold() {
    held = null;
    heldStep = false;
    clearTimeout(heldTimer);
    heldTimer = null;
    var line = document.getElementById("doorgegaan");
    if (line) line.remove();
    ownAgain();
  }
  var refreshed = [];  // what waits for the newest page to be in (a poll asks with its mark)
  function refresh(then) {
    if (then) refreshed.push(then);
    if (busy) { again = true; return; }
    busy = true;
    fetch(pageUrl, {credentials: "same-origin", cache: "no-store"})
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) { reached(); if (html) swap(html); })
      .catch(unreachable)
      .then(function () {
        busy = false;
        if (again) { again = false; refresh(); return; }
        var waiting = refreshed;
        refreshed = [];
        waiting.forEach(function (f) { f(); });
      });
  }
  // What went wrong with a form, shown right below it (where the person is looking, not at the top of a long page),
  // scrolled into view and said once, by the live region. The green confirmation of the form before ("Verstuurd")
  // goes: beside text that did not go, it is no longer the state of the page.
  function tell(form, text) {
    var m = main(), old = m.querySelector("#melding"), box = document.createElement("div"), done = m.querySelector("#gelukt");
    if (old) old.remove();
    if (done) done.remove();
    box.className = "box error";
    box.id = "melding";
    box.setAttribute("data-notice", "");
    box.textContent = text;
    if (form && m.contains(form)) form.parentNode.insertBefore(box, form.nextSibling);
    else m.insertBefore(box, m.querySelector("h1") || m.firstChild);
    box.scrollIntoView({block: "nearest"});
    announce(text);
    return box;
  }
  function offline(form) { unreachable(); tell(form, words.offline).setAttribute("data-offline", ""); }
  function post(form, body, then) {
    sending += 1;
    return fetch(form.action, {method: "POST", body: body, credentials: "same-origin"})
      .then(function (r) { return r.text().then(function (html) { reached(); then(r, html); }); })
      .catch(function () { form.removeAttribute("data-sent"); offline(form); })
      .then(function () {
        sending -= 1;
        if (sending || !missed) return;
        var mark = missed;
        missed = "";
        if (!shows(mark)) refresh();
      });
  }
  // Why a form was refused: the alert's own words, without what it lists (this page lists lost answers itself).
  function reason(box) {
    var text = "";
    box.childNodes.forEach(function (n) { if (n.nodeType === 3) text += n.nodeValue; });
    return (text.trim() ? text : box.textContent).replace(/\s+/g, " ").trim();
  }
  function spoken(box) {  // what a box says, without the names of its buttons
    var copy = box.cloneNode(true);
    copy.querySelectorAll("button").forEach(function (b) { b.remove(); });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }
  function say(fieldset, text, bad) {
    var p = fieldset.querySelector(".state"), busy = text === words.busy;
    if (p) { p.textContent = busy && slow ? words.slow : text; p.className = bad ? "state bad" : busy ? "state busy" : "state"; }
  }

  // ----- ratings: one post at a time, the newest choice per statement ----------------------------------------
  // Taps that come while a post is on its way wait and go together in the next one: many posts at once were
  // refused as too many, and an older answer's page moved newer choices back. A choice stays on screen as
  // chosen ("Bezig met opslaan…" or why it was not saved) until the server has stored it; only then "✓ Opgeslagen".
  // The room can move on (or the session end) before a choice is stored: the choice is then not lost silently but
  // listed on the next page (answersLost), while the post already on its way is still waiting for its answer.
  var choices = {}, choicesStep = "", stored = {}, rating = false, ratingRetry = null, ratedAt = 0, flight = null;
  var RATE_GAP = 400;  // ms between two posts at least: fast taps go together, within the phone's request budget
  function newer(a, b) {  // is page mark a ("epoch.version") newer than b?
    var x = String(a || "").split("."), y = String(b || "").split(".");
    return x[0] === y[0] && Number(x[1]) > Number(y[1]);
  }
  function movedOn(m) { return m.getAttribute("data-step") !== choicesStep || m.getAttribute("data-mode") !== "scale"; }
  // The page no longer asks these statements: every choice not stored yet is lost, and said so; one on its way
  // is decided by its answer (stored after all, or lost too).
  function dropChoices() {
    var gone = [];
    Object.keys(choices).forEach(function (name) {
      if (flight && flight.names[name] && flight.names[name].value === choices[name].value) flight.orphaned = true;
      else gone.push(choices[name]);
    });
    choices = {};
    stored = {};
    if (ratingRetry) { clearTimeout(ratingRetry); ratingRetry = null; }
    // Said once: when the post on its way has its answer too (then with what it brought), else now.
    loseAnswers(gone, !!(flight && flight.orphaned));
  }
  function keepChoices(m) {
    if (movedOn(m)) { dropChoices(); saveButton(m); return; }
    var since = m.getAttribute("data-since");
    Object.keys(stored).forEach(function (name) {  // a page older than the one that stored it
      var el = newer(stored[name].mark, since) && document.getElementById(name + "-" + stored[name].value);
      if (el && m.contains(el)) { el.checked = true; say(el.closest("fieldset"), "✓ " + words.saved, false); }
    });
    Object.keys(choices).forEach(function (name) {
      var el = document.getElementById(name + "-" + choices[name].value);
      if (!el || !m.contains(el)) return;
      el.checked = true;
      say(el.closest("fieldset"), choices[name].why || words.busy, !!choices[name].why);
    });
    saveButton(m);
  }
  // Every choice saves by itself: the form's button ("Antwoorden opslaan", for phones without JavaScript) gives way
  // to a line that says so. It comes back only for choices that were not saved and that nothing sends again by
  // itself (no connection, the laptop could not store them): then it sends them again, in place (retrySave).
  function saveButton(m) {
    var form = m.querySelector("form.rate"), button = form && form.querySelector("button[type=submit]");
    if (!button) return;
    var line = form.querySelector("#meteen");
    if (!line) {
      line = document.createElement("p");
      line.id = "meteen";
      line.className = "hint";
      line.setAttribute("tabindex", "-1");  // where the focus goes when the button it stood on goes away
      line.textContent = words.rateAuto;
      form.insertBefore(line, button);
    }
    var stuck = !rating && !ratingRetry && Object.keys(choices).some(function (name) { return choices[name].why; });
    var on = document.activeElement === button;
    button.hidden = !stuck;
    line.hidden = stuck;
    if (on && !stuck) line.focus();
  }
  function retrySave(e) {
    if (e.defaultPrevented) return;
    e.preventDefault();
    e.currentTarget.removeAttribute("data-sent");
    if (ratingRetry) { clearTimeout(ratingRetry); ratingRetry = null; }
    sendChoices();
  }
  function sendChoices() {
    var form = main().querySelector("form.rate"), names = Object.keys(choices);
    if (movedOn(main())) { dropChoices(); return; }
    if (rating || ratingRetry || !form || !names.length) return;
    var wait = ratedAt + RATE_GAP - Date.now();
    if (wait > 0) { ratingRetry = setTimeout(function () { ratingRetry = null; sendChoices(); }, wait); return; }
    ratedAt = Date.now();
    var sent = {}, body = new URLSearchParams();
    ["csrf", "step"].forEach(function (n) { body.append(n, form.elements[n].value); });
    var trip = {names: {}, orphaned: false, step: choicesStep};
    names.forEach(function (name) {
      sent[name] = choices[name].value;
      choices[name].why = "";
      trip.names[name] = choices[name];
      body.append(name, sent[name]);
    });
    rating = true;
    flight = trip;
    pending(1);
    keepChoices(main());
    function failed(why, retry) {
      names.forEach(function (name) { if (choices[name] && !choices[name].why) choices[name].why = why; });
      if (retry) ratingRetry = setTimeout(function () { ratingRetry = null; sendChoices(); }, retry);
      keepChoices(main());
      announce(why);
    }
    function landed(ok) {  // the post's answer is in: what the room moved on from meanwhile is stored, or lost
      if (trip.done) return true;  // told already (a failure while showing the answer is no second answer)
      trip.done = true;
      rating = false;
      flight = null;
      pending(-1);
      if (!trip.orphaned) return false;
      if (!ok) loseAnswers(Object.keys(trip.names).map(function (name) { return trip.names[name]; }));
      else tellLost();  // stored after all: what was lost meanwhile (if anything) is said now
      return !ok;
    }
    fetch(form.action, {method: "POST", body: body, credentials: "same-origin"})
      .then(function (r) {
        return r.text().then(function (html) {
          reached();
          if (landed(r.ok)) return;
          if (!r.ok) {
            var box = parse(html).querySelector("[role=alert]");
            var wait = r.status === 429 ? 1000 * (Number(r.headers.get("Retry-After")) || 2) : 0;
            failed(box ? reason(box) : words.offline, wait);
            return;
          }
          var mark = parse(html).querySelector("main"), said = [];
          mark = mark ? mark.getAttribute("data-since") : "";
          names.forEach(function (name) {
            stored[name] = {value: sent[name], mark: mark};
            if (choices[name] && choices[name].value === sent[name]) { said.push(choices[name].label); delete choices[name]; }
          });
          savedAfter(trip.step, names);
          swap(html, "", true);
          if (said.length) announce(words.saved + ": " + said.join(", "));
          sendChoices();  // what was chosen meanwhile
        });
      })
      .catch(function () { unreachable(); if (!landed(false)) failed(words.offline, 0); });
  }

  // ----- dots: one post at a time, in the order tapped ----------------------------------------------------------
  // Each tap shows "Bezig met opslaan…" beside its item at once (and the live region says it). A tap while the laptop
  // has not answered the previous one waits for that answer and is sent then, with the page it brought: two taps
  // during a freeze both land, or each is told why not beside its item. A second tap on the same button while its
  // post is still on its way is the same tap (a double tap), not a second dot.
  var dots = [], dotting = null;
  function dotTap(button) {
    var id = button.id;
    if ((dotting && dotting.id === id) || dots.some(function (d) { return d.id === id; })) return;
    var form = button.form, body = new URLSearchParams(new FormData(form));
    body.append(button.name, button.value);
    var item = form.querySelector("input[name=item]").value, label = document.getElementById("label-" + item);
    if (!dotting && !dots.length) unplaced = [];  // a new round of taps: earlier refusals were told
    dots.push({id: id, item: item, label: label ? label.textContent.trim() : "", add: button.value === "add", action: form.action, body: body});
    showDots(main());
    announce(words.busy);
    sendDot();
  }
  function dotItem(d) { return document.getElementById("item-" + d.item); }
  function showDots(m) {  // after every new page: what is still on its way says so beside its item
    (dotting ? [dotting] : []).concat(dots).forEach(function (d) {
      var li = dotItem(d);
      if (!li || !m.contains(li)) return;
      var p = li.querySelector(".state.busy");
      if (!p) {
        p = document.createElement("p");
        p.className = "state busy";
        li.appendChild(p);
      }
      p.textContent = slow ? words.slow : words.busy;
    });
  }
  function sendDot() {
    if (dotting || !dots.length) return;
    var d = dotting = dots.shift();
    var li = dotItem(d), form = li && main().contains(li) && li.querySelector("form.vote");
    var body = d.body;
    if (form) {  // the page now shown (its form id is new: this tap is not taken for a repeat of the one before)
      body = new URLSearchParams(new FormData(form));
      body.append("do", d.add ? "add" : "remove");
    }
    pending(1);
    sending += 1;
    fetch(d.action, {method: "POST", body: body, credentials: "same-origin"})
      .then(function (r) {
        return r.text().then(function (html) {
          dotting = null;
          reached();
          swap(html, dots.length ? "" : d.id, true);
          var box = main().querySelector("#melding"), left = main().querySelector("#stippen");
          if (!r.ok && box && !main().contains(dotItem(d)) && d.add && d.label) notPlaced(box, d);
          if (!r.ok && box) { beside(box, d); announce(box.textContent.trim()); }
          else if (left) announce((d.add ? words.dotAdded : words.dotRemoved) + " " + left.textContent);
        });
      })
      .catch(function () {
        dotting = null;
        unreachable();
        var li = dotItem(d), here = li && main().contains(li) && li.querySelector("form.vote");
        tell(here || null, words.dotOffline).setAttribute("data-offline", "");
        showDots(main());
      })
      .then(function () {
        pending(-1);
        sending -= 1;
        if (dots.length) { sendDot(); return; }
        if (sending || !missed) return;
        var mark = missed;
        missed = "";
        if (!shows(mark)) refresh();
      });
  }
  // A dot refused where its item is no longer on the page (the results were shown meanwhile): which dots were not
  // placed, as the answers of a rating are listed, not only "Het stemmen is gesloten". The server's page names the
  // one dot it refused; this line names every dot of the taps refused meanwhile, in its place.
  var unplaced = [];
  function notPlaced(box, d) {
    unplaced.push(d.label);
    var p = box.querySelector("p.unplaced") || document.createElement("p");
    p.className = "unplaced";
    p.textContent = (unplaced.length === 1 ? words.dotNotPlaced : words.dotsNotPlaced) + " " + unplaced.join("; ");
    box.appendChild(p);
  }
  // Why a dot was refused, beside its item when the page still shows it (else at the top, where the page says why).
  function beside(box, d) {
    var li = dotItem(d);
    if (!li || !main().contains(li)) return;
    box.removeAttribute("role");  // said once, by the live region
    var focused = box.contains(document.activeElement) || document.activeElement === document.body;
    li.appendChild(box);
    box.setAttribute("tabindex", "-1");
    if (focused) box.focus({preventScroll: true});
    box.scrollIntoView({block: "nearest"});  // where the person is looking: not below the fold
  }

  // ----- a laptop that is slow to answer: said, instead of leaving a tap without news --------------------------
  var SLOW = 8000, slow = false, slowTimer = null, inFlight = 0;
  function pending(n) {
    inFlight = Math.max(0, inFlight + n);
    if (n > 0 && !slowTimer && !slow) {
      slowTimer = setTimeout(function () {
        slowTimer = null;
        // Only what the page shows as waiting is said to be slow: an answer the page no longer asks (the results were
        // shown meanwhile) is told by its own answer, not by "Nog bezig met opslaan" long after.
        if (!inFlight || !main().querySelector(".state.busy")) return;
        slow = true;
        main().querySelectorAll(".state.busy").forEach(function (p) { p.textContent = words.slow; });
        announce(words.slow);
      }, SLOW);
    }
    if (!inFlight) {
      slow = false;
      clearTimeout(slowTimer);
      slowTimer = null;
    }
  }

  // ----- answers not stored before the room moved on: listed on the next page until the person has read them ---
  // Why they were not stored: the room moved on ("moved"), or the results were shown on the same step ("shown"); a
  // page of the session that ended says that instead.
  var lostKey = "onbewaard:" + pageUrl, lostAnswers = [], lostOn = "", lostWhy = "moved";
  try {
    var kept = JSON.parse((store && store.getItem(lostKey)) || "{}");
    lostAnswers = kept.answers || [];
    lostOn = kept.on || "";
    lostWhy = kept.why || "moved";
  } catch (e) { lostAnswers = []; }
  function keepLost() {
    if (!store) return;
    if (lostAnswers.length) store.setItem(lostKey, JSON.stringify({answers: lostAnswers, on: lostOn, why: lostWhy}));
    else store.removeItem(lostKey);
  }
  function loseAnswers(gone, quiet) {
    if (!gone.length) return;
    var m = main(), here = pageOf(m);
    if (lostOn && lostOn !== here) lostAnswers = [];  // a list from an earlier page is old news
    lostOn = here;
    var shown = m.getAttribute("data-step") === gone[0].step && m.getAttribute("data-waiting") === "revealed";
    lostWhy = shown ? "shown" : "moved";
    gone.forEach(function (c) {
      lostAnswers.push({statement: c.statement, answer: c.answer, name: c.name || "", step: c.step || ""});
    });
    lostAnswers.sort(function (a, b) { return order(a) - order(b); });  // "1." before "2.", as on the page
    keepLost();
    showLost(main());
    if (!quiet) tellLost();
  }
  function order(a) { var n = /^s(\d+)$/.exec(a.name || ""); return n ? Number(n[1]) : 1e9; }
  // Said once, by the live region; the focus goes to it when the control tapped is gone (never to <body>).
  function tellLost() {
    var box = document.getElementById("onbewaard"), el = document.activeElement;
    if (!box || !main().contains(box)) return;
    announce(spoken(box));
    if (!el || el === document.body || !main().contains(el)) box.focus();
  }
  // Answers saved later (the results hidden again, and answered anew) are no longer "niet opgeslagen".
  function savedAfter(step, names) {
    var before = lostAnswers.length;
    lostAnswers = lostAnswers.filter(function (a) { return !(a.step === step && names.indexOf(a.name) >= 0); });
    if (lostAnswers.length === before) return;
    keepLost();
    showLost(main());
  }
  function showLost(m) {
    var old = document.getElementById("onbewaard"), place = m.querySelector("#concept");
    var focused = old && old.contains(document.activeElement);
    if (old) old.remove();
    if (lostAnswers.length && lostOn && lostOn !== pageOf(m)) { lostAnswers = []; keepLost(); }  // a later page
    if (!place || !lostAnswers.length) return;
    var box = document.createElement("div"), closed = m.getAttribute("data-mode") === "closed";
    box.className = "box warn";
    box.id = "onbewaard";
    box.setAttribute("tabindex", "-1");  // (no role=alert: it is made anew with every page; tellLost says it once)
    var p = document.createElement("p"), one = lostAnswers.length === 1;
    if (closed) p.textContent = one ? words.unsavedClosedOne : words.unsavedClosed;
    else if (lostWhy === "shown") p.textContent = one ? words.unsavedShownOne : words.unsavedShown;
    else p.textContent = one ? words.unsavedOne : words.unsaved;
    box.appendChild(p);
    var list = document.createElement("ul");
    list.className = "said";
    lostAnswers.forEach(function (a) {
      var li = document.createElement("li");
      li.appendChild(document.createTextNode(a.statement));
      li.appendChild(document.createElement("br"));
      li.appendChild(document.createTextNode(words.yourAnswer.replace("{answer}", a.answer)));
      list.appendChild(li);
    });
    box.appendChild(list);
    var tell = document.createElement("p");
    tell.textContent = one ? words.unsavedTellOne : words.unsavedTell;
    box.appendChild(tell);
    var seen = document.createElement("button");
    seen.type = "button";
    seen.className = "secondary";
    seen.textContent = words.seen;
    seen.addEventListener("click", function () {
      lostAnswers = [];
      keepLost();
      box.remove();
    });
    box.appendChild(seen);
    place.appendChild(box);
    if (focused) box.focus();
  }

  function enhance() {
    var m = main();
    restoreDraft(m);
    showOrphan(m);
    var text = m.querySelector("textarea#text");
    if (text) text.addEventListener("input", function () { saveDraft(main()); });
    var pick = m.querySelector("select#category");
    if (pick) pick.addEventListener("change", function () { saveDraft(main()); });
    m.querySelectorAll("form").forEach(function (form) {
      form.addEventListener("submit", function (e) {
        if (form.getAttribute("data-sent")) { e.preventDefault(); return; }
        form.setAttribute("data-sent", "1");
        setTimeout(function () { form.removeAttribute("data-sent"); }, 4000);
      });
    });
    // A card is sent in place: with the laptop out of reach, the text stays and the page says so.
    m.querySelectorAll("form.send").forEach(function (form) {
      form.addEventListener("submit", function (e) {
        if (e.defaultPrevented) return;
        e.preventDefault();
        var step = m.getAttribute("data-step");
        post(form, new URLSearchParams(new FormData(form)), function (r, html) {
          form.removeAttribute("data-sent");
          var stored = r.ok && /[?&]ok=(card|edited)/.test(r.url);
          if (stored) forget(step);
          var area = main().querySelector("textarea#text");
          if (stored && area) area.value = "";  // sent: the draft is no longer a draft
          swap(html, stored ? "" : "text", true);
          // The answer to this very form (data-notice) is said, not an older card's notice above it on the page.
          var box = main().querySelector("[data-notice]") || main().querySelector("#melding, .box.warn:not(.quiet), .box.ok");
          if (box) announce(spoken(box));
          // A privacy warning on the card just sent is read first (its buttons next), not skipped for the heading below.
          var flagged = stored && main().querySelector(".box.warn[data-notice]");
          if (flagged) focusOn(flagged, false);
          else if (stored && !main().querySelector(".box.warn")) { var t = document.getElementById("text"); if (t) t.focus(); }
        });
      });
    });
    // The role is chosen in place: the page says which one, and so does the live region (for screen readers);
    // the focus goes to the way to change it, where the question was.
    m.querySelectorAll("form.role").forEach(function (form) {
      form.addEventListener("submit", function (e) {
        if (e.defaultPrevented) return;
        e.preventDefault();
        post(form, new URLSearchParams(new FormData(form)), function (r, html) {
          form.removeAttribute("data-sent");
          // The confirmation takes the focus only from where the person left it: someone who went on to the questions
          // while the answer was on its way stays there (it is said by the live region either way).
          var el = document.activeElement, still = !el || el === document.body || form.contains(el) || !main().contains(el);
          swap(html, "", true);
          var box = main().querySelector("#melding"), said = main().querySelector("#rol p");
          if (!r.ok && box) { announce(reason(box)); return; }
          if (!said) return;
          announce(reason(said));
          if (!still) return;
          var change = document.getElementById("rol-veranderen") || said.parentNode;
          if (change.id === "rol") change.setAttribute("tabindex", "-1");
          change.focus();
        });
      });
    });
    // Dots are placed in place: the list stays where it was, and so does the focus. A tap while another is on its
    // way waits its turn (dotTap): both land, and each says so beside its item.
    m.querySelectorAll("form.vote button").forEach(function (button) {
      button.addEventListener("click", function (e) {
        e.preventDefault();
        dotTap(button);
      });
    });
    // Ratings save as soon as an answer is chosen; the button is for phones without JavaScript, and here only to
    // try again what was not saved (saveButton).
    m.querySelectorAll("form.rate").forEach(function (form) { form.addEventListener("submit", retrySave); });
    m.querySelectorAll("form.rate input[type=radio]").forEach(function (input) {
      input.addEventListener("change", function () {
        var fieldset = input.closest("fieldset"), legend = fieldset.querySelector("legend");
        var statement = legend ? legend.textContent.trim() : "", number = statement.match(/^\d+\./);
        var answer = input.parentNode.textContent.trim();
        choices[input.name] = {value: input.value, why: "", statement: statement, answer: answer, name: input.name,
          step: m.getAttribute("data-step"),
          label: (number ? number[0] + " " : "") + answer};
        choicesStep = m.getAttribute("data-step");
        say(fieldset, words.busy, false);
        announce(words.busy);
        sendChoices();
      });
    });
    keepChoices(m);
    showLost(m);
    showDots(m);
    clock();
  }

  // ----- time left in the step ----------------------------------------------------------------------------------
  function clock() {
    var m = main(), el = m.querySelector("#klok"), remaining = m.getAttribute("data-remaining");
    if (!el || remaining === null) return;
    var left = Number(remaining) - (Date.now() - loadedAt) / 1000;
    var minutes = Math.floor(Math.ceil(left) / 60);  // as a clock reads (core: timebox.minutes_left): 5:13 is 5
    el.textContent = left <= 0 ? words.over : minutes === 0 ? words.underMinute : minutes === 1 ? words.minute :
      fill(words.minutes, minutes);
  }
  setInterval(clock, 15000);

  // ----- live updates: a stream, or polling when the server has no room for one -------------------------------
  var conn = document.getElementById("verbinding"), source = null, pollTimer = null, ended = false;
  function status(text, lost) {
    if (cut && !lost) reconnected();
    cut = !!lost;
    if (!conn || ended) return;  // once the session has ended, the page says so itself
    conn.hidden = closedPage();  // "je scherm volgt vanzelf" is no news above "De sessie is afgelopen"
    conn.textContent = heldStep && !lost ? words.heldConn : text;
    conn.className = lost ? "conn lost" : "conn";
  }
  // The connection line as it is now, once a page is held back or let in (a lost connection says so still).
  function following() {
    if (!conn || ended || cut || !conn.textContent) return;
    conn.textContent = heldStep ? words.heldConn : polling ? words.polling : words.live;
  }
  // A request that failed says the connection is gone, also while the stream has not noticed yet ("Verbonden" above
  // "Geen verbinding met de laptop" is not true); the next request that gets an answer, or the stream opening again,
  // says it is back.
  var cut = false;
  function unreachable() { status(words.lost, true); }
  // "Geen verbinding met de laptop" below "Verbonden" is no longer true: it says the connection is back, and that what
  // did not go is still there to try again.
  function reconnected() {
    main().querySelectorAll("[data-offline]").forEach(function (box) {
      box.removeAttribute("data-offline");
      box.removeAttribute("role");
      box.className = "box warn";
      box.textContent = words.offlineBack;
      announce(words.offlineBack);
    });
  }
  function reached() { if (cut) status(polling ? words.polling : words.live, false); }
  function since() { return main().getAttribute("data-since"); }
  function closedPage() { return main().getAttribute("data-mode") === "closed"; }
  // A poll waits at the server until there is news (a change, or the end of the session there), then asks again.
  // The first poll (and the first after a failure) is answered at once: the page can say it is connected.
  var polling = false, asking = false, hold = false;
  function poll() {
    pollTimer = null;
    if (asking) return;  // the poll on its way asks again when its answer is in
    asking = true;
    fetch(pollUrl + (hold ? "?wait=1&v=" : "?v=") + encodeURIComponent(since()), {credentials: "same-origin", cache: "no-store"})
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (news) {
        asking = false;
        hold = true;
        if (news.indexOf("ended") === 0) {  // the server is stopping: as the stream's 'ended' event
          end({data: news.slice(news.indexOf("\n") + 1)});
          later(4000 + Math.floor(Math.random() * 2000));
          return;
        }
        var back = ended;  // the session is served again
        ended = false;
        if (back) hush();
        status(words.polling, false);
        // Asked again at once, with the mark of the page now shown; never a moment without a poll waiting.
        if (back || news.trim() === "1") refresh(function () { later(0); });
        else later(0);
      })
      .catch(function (why) {
        asking = false;
        hold = false;
        // 404: this address is no longer served (the laptop runs another session now): say what to do, not "Opnieuw
        // verbinden…" forever; asked again now and then (the same session may come back).
        if (why === 404) { end({data: words.elsewhere}); later(20000); return; }
        status(words.lost, true);
        later(4000 + Math.floor(Math.random() * 2000));
      });
  }
  function later(ms) { if (polling && !pollTimer) pollTimer = setTimeout(poll, ms); }
  function startPolling() {
    if (polling) return;
    polling = true;
    hold = false;
    poll();
  }
  function stopPolling() { polling = false; if (pollTimer) { clearTimeout(pollTimer); pollTimer = null; } }
  function progress(e) {
    var el = main().querySelector("#voortgang"), parts = String(e.data).split(" ");
    if (!el || parts.length !== 2) return;
    var what = el.getAttribute("data-what"), key = what + (parts[0] === "1" ? ".one" : "");
    if (words[key]) el.textContent = words[key].replace("{n}", parts[0]).replace("{total}", parts[1]);
  }
  // The server stopped (the app quit, `workshop serve` stopped): say the session has ended instead of trying to
  // reconnect in view. What was typed stays on the page (the fields are only locked); should the facilitator
  // start the session again, the stream's own reconnecting finds it and the page follows again.
  function end(e) {
    var m = main(), text = String(e.data || "");
    ended = true;
    unhold();  // a page held back while someone typed is older than this: locking the field must not bring it in
    if (conn) conn.hidden = true;
    var meta = m.querySelector(".meta");  // time left and who answered: no longer counting
    if (meta) meta.remove();
    m.querySelectorAll("button, input, textarea, select").forEach(function (el) { el.disabled = true; });
    if (!text || (m.getAttribute("data-mode") === "closed" && text !== words.elsewhere)) return;  // said already
    var box = m.querySelector("#afgelopen") || document.createElement("div");  // newer news replaces older
    if (box.textContent === text) return;  // asked again later: said once
    box.className = "box wait";
    box.id = "afgelopen";
    box.setAttribute("role", "status");
    box.textContent = text;
    m.insertBefore(box, m.querySelector("h1") || m.firstChild);
    announce(text);
  }
  // The session is served again: the live region no longer says it paused (the page it comes back to is the same).
  function hush() {
    clearTimeout(announcing);
    announcing = null;
    var live = document.getElementById("live");
    if (live) live.textContent = "";
  }
  // A change this page already shows needs no new page: the answer to the phone's own form (a page itself)
  // usually shows the change it made, and the news of it arrives while that answer is on its way.
  function shows(mark) {
    var mine = String(since() || ""), at = mark.lastIndexOf("."), own = mine.lastIndexOf(".");
    return at > 0 && own > 0 && mark.slice(0, at) === mine.slice(0, own) &&
      Number(mark.slice(at + 1)) <= Number(mine.slice(own + 1));
  }
  function changed(e) {
    var mark = String(e.lastEventId || "");
    if (sending) { missed = mark; return; }  // looked at once the form's answer is in
    if (!shows(mark)) refresh();
  }
  function connect() {
    if (!window.EventSource || !eventsUrl) { startPolling(); return; }
    var lost = false;
    source = new EventSource(eventsUrl + "?v=" + encodeURIComponent(since()));
    source.addEventListener("changed", changed);
    source.addEventListener("progress", progress);
    source.addEventListener("ended", end);
    source.onopen = function () {
      stopPolling();
      var back = ended;  // the session is served again
      ended = false;
      if (back) hush();
      status(words.live, false);
      if (lost || back) { lost = false; refresh(); }
    };
    source.onerror = function () {
      lost = true;
      if (source.readyState === 2) {  // CLOSED: the server refused the stream; poll, and ask again later
        source.close();
        startPolling();
        setTimeout(connect, 20000 + Math.floor(Math.random() * 20000));
      } else {
        status(words.lost, true);  // the browser reconnects by itself
      }
    };
  }
  // The address keeps no "?ok=" or "?j=": a reload never repeats an old confirmation.
  if (location.search) history.replaceState(null, "", pageUrl + location.hash);
  // A page that is closed says so, and the facilitator's count of phones here drops within seconds (the server's
  // next heartbeat on the stream) instead of five minutes later. A locked screen hides the page without closing it (no pagehide), and a page kept for Back (persisted)
  // is not closed either: those still count.
  var leftUrl = first.getAttribute("data-left"), csrf = first.getAttribute("data-csrf");
  window.addEventListener("pagehide", function (e) {
    if (e.persisted || !leftUrl || !csrf || !navigator.sendBeacon) return;
    if (source) source.close();
    navigator.sendBeacon(leftUrl, new URLSearchParams({csrf: csrf}));
  });
  enhance();
  connect();
})();
