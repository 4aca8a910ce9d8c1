// The live feed, kept current through the public API. Progressive enhancement: without
// this script the home page and "All news" work as plain pages with plain links.
"use strict";

(() => {
  const MARKS = { breaking: "Breaking", updated: "Updated", exclusive: "Exclusive", video: "Video", photo: "Photo", interview: "Interview" };

  function formatters(zone) {
    return {
      time: new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }),
      day: new Intl.DateTimeFormat("en-GB", { timeZone: zone, day: "numeric", month: "long", year: "numeric" }),
      key: new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }),
    };
  }

  function feedItem(item, format) {
    const li = document.createElement("li");
    li.className = "feed-item";
    li.dataset.storyId = item.id;
    const when = new Date(item.date * 1000);
    const time = document.createElement("time");
    time.className = "feed-item__time";
    time.dateTime = when.toISOString();
    time.textContent = format.time.format(when);
    const text = document.createElement("div");
    text.className = "feed-item__text";
    if (item.mark) {
      const mark = document.createElement("span");
      mark.className = `mark mark--${item.mark}`;
      mark.textContent = MARKS[item.mark] || item.mark;
      text.append(mark, " ");
    }
    const link = document.createElement("a");
    link.className = "feed-item__title";
    link.href = item.url;
    link.textContent = item.title;
    text.append(link);
    if (item.subtitle) {
      const subtitle = document.createElement("p");
      subtitle.className = "feed-item__subtitle";
      subtitle.textContent = item.subtitle;
      text.append(subtitle);
    }
    li.append(time, text);
    return li;
  }

  // The <ul> for a day, made (with its heading) where the day is new.
  function dayList(container, key, label, where) {
    const existing = container.querySelector(`section.day[data-day="${key}"] ul.feed`);
    if (existing) return existing;
    const section = document.createElement("section");
    section.className = "day";
    section.dataset.day = key;
    const heading = document.createElement("h2");
    heading.className = "day__heading";
    const time = document.createElement("time");
    time.dateTime = key;
    time.textContent = label;
    heading.append(time);
    const list = document.createElement("ul");
    list.className = "feed";
    section.append(heading, list);
    if (where === "top") {
      const first = container.querySelector("section.day");
      first ? first.before(section) : container.prepend(section);
    } else {
      const last = [...container.querySelectorAll("section.day")].pop();
      last ? last.after(section) : container.append(section);
    }
    return list;
  }

  function place(container, items, format, where) {
    const added = [];
    const ordered = where === "top" ? [...items].reverse() : items;
    for (const item of ordered) {
      if (container.querySelector(`[data-story-id="${item.id}"]`)) continue;
      const when = new Date(item.date * 1000);
      const list = dayList(container, format.key.format(when), format.day.format(when), where);
      const node = feedItem(item, format);
      where === "top" ? list.prepend(node) : list.append(node);
      added.push(node);
    }
    return added;
  }

  // Home: new stories appear at the top of the live feed by themselves.
  function liveFeed(container) {
    const format = formatters(container.dataset.timeZone);
    const seconds = Number(container.dataset.refreshSeconds || 60);
    async function refresh() {
      const response = await fetch(container.dataset.api, { headers: { Accept: "application/json" } });
      if (!response.ok) return [];
      const { items } = await response.json();
      const added = place(container, items, format, "top");
      added.forEach((node) => node.classList.add("feed-item--new"));
      return added;
    }
    setInterval(() => { if (!document.hidden) refresh().catch(() => {}); }, seconds * 1000);
    return refresh;
  }

  // All news: "Load more" appends the next page in place of following the link.
  function loadMore(container) {
    const format = formatters(container.dataset.timeZone);
    const next = document.querySelector('.pager a[rel="next"]');
    if (!next) return;
    const cursor = new URL(next.href).searchParams.get("before");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "pager__link pager__more";
    button.textContent = "Load more";
    let url = `${container.dataset.api}${container.dataset.api.includes("?") ? "&" : "?"}before=${encodeURIComponent(cursor)}`;
    button.addEventListener("click", async () => {
      button.disabled = true;
      try {
        const response = await fetch(url, { headers: { Accept: "application/json" } });
        if (!response.ok) throw new Error(response.statusText);
        const data = await response.json();
        place(container, data.items, format, "bottom");
        if (data.next) {
          url = data.next;
          next.href = `?before=${encodeURIComponent(new URL(data.next).searchParams.get("before"))}`;
        } else {
          button.remove();
          next.remove();
        }
      } catch {
        window.location.href = next.href; // the plain link still works
      } finally {
        button.disabled = false;
      }
    });
    next.before(button);
  }

  document.addEventListener("DOMContentLoaded", () => {
    const live = document.querySelector("[data-live-feed]");
    if (live) window.newsroomRefreshFeed = liveFeed(live);
    const more = document.querySelector("[data-load-more]");
    if (more) loadMore(more);
  });
})();
