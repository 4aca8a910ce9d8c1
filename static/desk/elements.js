// The story body's elements in the editor (articles/body.py is the format):
//   <figure data-picture="12" data-placement="inset"></figure>
//   <figure data-gallery="12,7,30"></figure>
//   <figure data-video="5"></figure>          a video from the video library
//   <figure data-embed="9"></figure>          a post, video or map from another site
// Each is an atom node: the editor shows a preview (thumbnail, caption, the words a
// reader who cannot see it gets) and the controls to change it; the body stores only the
// reference. Pictures come from the library through the chooser (the desk's
// /admin/articles/image/chooser/: search with thumbnails, or an upload on the spot).
import { Node } from "django-prose-editor/editor"

const cards = new Map() // picture id -> what the chooser said of it

function el(tag, props = {}, children = []) {
  const node = document.createElement(tag)
  for (const [key, value] of Object.entries(props)) {
    if (key === "className") node.className = value
    else if (key === "text") node.textContent = value
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value)
    else node.setAttribute(key, value)
  }
  for (const child of children) node.append(child)
  return node
}

function csrfToken() {
  const input = document.querySelector("input[name=csrfmiddlewaretoken]")
  return input ? input.value : ""
}

async function fetchCards(url, ids) {
  const missing = ids.filter((id) => !cards.has(String(id)))
  if (missing.length) {
    const response = await fetch(`${url}?ids=${missing.join(",")}`, {
      credentials: "same-origin",
    })
    if (response.ok) {
      for (const card of (await response.json()).results) cards.set(String(card.id), card)
    }
  }
  return ids.map((id) => cards.get(String(id)))
}

function thumbnail(card) {
  if (!card) return el("span", { className: "element-missing", text: "Picture not found" })
  return el("img", { src: card.thumbnail, alt: card.alt_text || "", loading: "lazy" })
}

function describe(card) {
  if (!card) return ""
  const alt = card.alt_text
    ? `Alt text: ${card.alt_text}`
    : "No alt text yet: describe this picture in the library before publishing."
  return `${card.caption || "(no caption)"}${card.credit ? ` © ${card.credit}` : ""} — ${alt}`
}

// --- The chooser --------------------------------------------------------------------

// What the chooser says and uploads, for the picture library and the video library.
const PICTURES = {
  title: "Choose a picture",
  search: "Caption, alt text or credit",
  searchLabel: "Search the picture library",
  more: "More pictures",
  empty: "No picture matches.",
  upload: "Or upload a new picture",
  file: { name: "file", accept: "image/*" },
  fields: [
    ["Alt text", "alt_text", "300"],
    ["Caption", "caption", "500"],
    ["Credit", "credit", "200"],
  ],
}
const VIDEOS = {
  title: "Choose a video",
  search: "Title or caption",
  searchLabel: "Search the video library",
  more: "More videos",
  empty: "No video matches.",
  upload: "Or upload a new video (MP4 or WebM)",
  file: { name: "upload", accept: "video/mp4,video/webm" },
  fields: [
    ["Title", "title", "300", true],
    ["Caption", "caption", "500"],
    ["Credit", "credit", "200"],
  ],
}

function openChooser(url, { multiple = false, kind = PICTURES } = {}) {
  return new Promise((resolve) => {
    const picked = []
    const dialog = el("dialog", {
      className: "picture-chooser",
      "aria-labelledby": "picture-chooser-title",
    })
    const search = el("input", {
      type: "search",
      name: "q",
      placeholder: kind.search,
      "aria-label": kind.searchLabel,
    })
    const grid = el("ul", { className: "picture-chooser__grid", role: "list" })
    const more = el("button", { type: "button", className: "button", text: kind.more })
    const status = el("p", { className: "picture-chooser__status", role: "status" })
    const done = el("button", {
      type: "button",
      className: "button default",
      text: "Insert the gallery",
    })
    const chosen = el("p", { className: "picture-chooser__chosen" })
    let next = 1

    function finish(value) {
      dialog.close()
      dialog.remove()
      resolve(value)
    }

    function showChosen() {
      chosen.textContent = picked.length
        ? `${picked.length} chosen, in this order: ${picked.map((c) => c.caption || `#${c.id}`).join(" · ")}`
        : "Choose pictures in the order the gallery shows them."
      done.disabled = picked.length === 0
    }

    function choose(card, button) {
      cards.set(String(card.id), card)
      if (!multiple) return finish([card])
      const at = picked.findIndex((c) => c.id === card.id)
      if (at >= 0) picked.splice(at, 1)
      else picked.push(card)
      button.setAttribute("aria-pressed", at >= 0 ? "false" : "true")
      showChosen()
    }

    let latest = 0 // answers to an older search, arriving late, are dropped
    async function load(page) {
      const asked = ++latest
      status.textContent = "Loading…"
      const query = new URLSearchParams({ q: search.value, page })
      const response = await fetch(`${url}?${query}`, { credentials: "same-origin" })
      if (asked !== latest) return
      if (!response.ok) {
        status.textContent = "The library could not be read."
        return
      }
      const data = await response.json()
      if (asked !== latest) return
      if (page === 1) grid.replaceChildren()
      for (const card of data.results) {
        const button = el(
          "button",
          {
            type: "button",
            className: "picture-chooser__pick",
            "aria-pressed": picked.some((c) => c.id === card.id) ? "true" : "false",
            title: describe(card),
          },
          [
            thumbnail(card),
            el("span", {
              text:
                (card.title ? `${card.title} (${card.length})` : "") ||
                card.caption ||
                card.alt_text ||
                `#${card.id}`,
            }),
          ],
        )
        button.addEventListener("click", () => choose(card, button))
        grid.append(el("li", {}, [button]))
      }
      next = data.next
      more.hidden = !next
      status.textContent = data.results.length || page > 1 ? "" : kind.empty
      upload.hidden = !data.can_upload
      if (data.can_probe === false) {
        // The server cannot check videos (no ffmpeg): say so rather than fail on upload.
        upload.replaceChildren(
          el("p", {
            text: "Video uploads are off: the server has no ffmpeg to check them. Embed a hosted video by its link instead.",
          }),
        )
      }
    }

    let timer
    search.addEventListener("input", () => {
      clearTimeout(timer)
      timer = setTimeout(() => load(1), 250)
    })
    more.addEventListener("click", () => next && load(next))

    // Upload on the spot: the library's own checks, then the new picture is chosen.
    const errors = el("ul", { className: "errorlist", role: "alert" })
    const field = (label, input) => el("label", {}, [el("span", { text: label }), input])
    const upload = el("form", { className: "picture-chooser__upload", hidden: "" }, [
      el("h3", { text: kind.upload }),
      field("File", el("input", { type: "file", ...kind.file, required: "" })),
      ...kind.fields.map(([label, name, maxlength, required]) =>
        field(
          label,
          el("input", { type: "text", name, maxlength, ...(required ? { required: "" } : {}) }),
        ),
      ),
      errors,
      el("button", { type: "submit", className: "button", text: "Upload and choose" }),
    ])
    upload.addEventListener("submit", async (event) => {
      event.preventDefault()
      errors.replaceChildren()
      status.textContent = "Uploading…"
      const response = await fetch(url, {
        method: "POST",
        body: new FormData(upload),
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken() },
      })
      const data = await response.json().catch(() => ({ errors: { file: ["Upload failed."] } }))
      status.textContent = ""
      if (!response.ok) {
        for (const [name, messages] of Object.entries(data.errors || {})) {
          for (const message of messages) errors.append(el("li", { text: `${name}: ${message}` }))
        }
        return
      }
      upload.reset()
      const button = el("button", { type: "button" })
      choose(data, button)
      if (multiple) load(1)
    })

    const close = el("button", { type: "button", className: "button", text: "Cancel" })
    close.addEventListener("click", () => finish(null))
    done.addEventListener("click", () => finish([...picked]))
    dialog.addEventListener("cancel", (event) => {
      event.preventDefault()
      finish(null)
    })
    dialog.append(
      el("h2", {
        id: "picture-chooser-title",
        text: multiple ? "Choose the gallery's pictures" : kind.title,
      }),
      search,
      status,
      grid,
      more,
      ...(multiple ? [chosen] : []),
      upload,
      el("p", { className: "picture-chooser__actions" }, multiple ? [done, close] : [close]),
    )
    document.body.append(dialog)
    showChosen()
    dialog.showModal()
    search.focus()
    load(1)
  })
}

// --- The nodes ------------------------------------------------------------------------

function setAttrs(editor, getPos, attrs) {
  const pos = getPos()
  if (typeof pos !== "number") return
  editor
    .chain()
    .command(({ tr }) => {
      const node = tr.doc.nodeAt(pos)
      tr.setNodeMarkup(pos, undefined, { ...node.attrs, ...attrs })
      return true
    })
    .run()
}

function removeNode(editor, getPos) {
  const pos = getPos()
  if (typeof pos !== "number") return
  editor
    .chain()
    .focus()
    .command(({ tr }) => {
      tr.delete(pos, pos + tr.doc.nodeAt(pos).nodeSize)
      return true
    })
    .run()
}

// Elements go between paragraphs, never inside one: after the block the cursor is in.
function insertBetweenBlocks(editor, content) {
  const { $from } = editor.state.selection
  const at = $from.depth >= 1 ? $from.after(1) : $from.pos
  return editor.chain().focus().insertContentAt(at, content).run()
}

// A node view that shows the element and redraws it when its attributes change; events
// on its own controls (matched by `controls`) stay with them, not with the editor.
function elementView(dom, node, show, controls) {
  let current = node
  show(node)
  return {
    dom,
    stopEvent: (event) =>
      event.target.closest?.(controls) != null || event.type.startsWith("drag"),
    ignoreMutation: () => true,
    update(updated) {
      if (updated.type !== current.type) return false
      current = updated
      show(updated)
      return true
    },
  }
}

const elementNode = {
  group: "block",
  atom: true,
  draggable: true,
  selectable: true,
  addOptions() {
    return { chooserUrl: "" }
  },
}

export const StoryPicture = Node.create({
  ...elementNode,
  name: "storyPicture",

  addAttributes() {
    return {
      picture: {
        default: null,
        parseHTML: (node) => node.getAttribute("data-picture"),
        renderHTML: (attrs) => ({ "data-picture": attrs.picture }),
      },
      placement: {
        default: "full",
        parseHTML: (node) => (node.getAttribute("data-placement") === "inset" ? "inset" : "full"),
        renderHTML: (attrs) => (attrs.placement === "inset" ? { "data-placement": "inset" } : {}),
      },
    }
  },

  parseHTML() {
    return [{ tag: "figure[data-picture]" }]
  },

  renderHTML({ HTMLAttributes }) {
    return ["figure", HTMLAttributes]
  },

  addNodeView() {
    const url = this.options.chooserUrl
    return ({ node, editor, getPos }) => {
      const preview = el("div", { className: "element-preview__media" })
      const words = el("p", { className: "element-preview__words" })
      const placement = el("select", { "aria-label": "Placement of the picture" }, [
        el("option", { value: "full", text: "Full width" }),
        el("option", { value: "inset", text: "Inset, beside the text" }),
      ])
      placement.addEventListener("change", () =>
        setAttrs(editor, getPos, { placement: placement.value }),
      )
      const replace = el("button", { type: "button", className: "button", text: "Replace…" })
      replace.addEventListener("click", async () => {
        const chosen = await openChooser(url)
        if (chosen) setAttrs(editor, getPos, { picture: String(chosen[0].id) })
      })
      const remove = el("button", { type: "button", className: "button", text: "Remove" })
      remove.addEventListener("click", () => removeNode(editor, getPos))
      const dom = el("figure", { className: "element-preview", "data-element": "picture" }, [
        el("p", { className: "element-preview__kind", text: "Picture" }),
        preview,
        words,
        el("p", { className: "element-preview__controls" }, [placement, replace, remove]),
      ])

      async function show(n) {
        placement.value = n.attrs.placement
        dom.classList.toggle("element-preview--inset", n.attrs.placement === "inset")
        const [card] = await fetchCards(url, [n.attrs.picture])
        preview.replaceChildren(thumbnail(card))
        words.textContent = describe(card)
        dom.classList.toggle("element-preview--needs-alt", Boolean(card && !card.alt_text))
      }
      return elementView(dom, node, show, "select, button")
    }
  },


  addMenuItems({ menu, buttons }) {
    const url = this.options.chooserUrl
    menu.defineItem({
      name: "storyPicture",
      groups: "nodes",
      button: buttons.material("image", "Insert a picture from the library"),
      async command(editor) {
        const chosen = await openChooser(url)
        if (chosen) {
          insertBetweenBlocks(editor, {
            type: "storyPicture",
            attrs: { picture: String(chosen[0].id) },
          })
        }
      },
    })
  },
})

export const StoryGallery = Node.create({
  ...elementNode,
  name: "storyGallery",

  addAttributes() {
    return {
      pictures: {
        default: "",
        parseHTML: (node) => node.getAttribute("data-gallery") || "",
        renderHTML: (attrs) => ({ "data-gallery": attrs.pictures }),
      },
    }
  },

  parseHTML() {
    return [{ tag: "figure[data-gallery]" }]
  },

  renderHTML({ HTMLAttributes }) {
    return ["figure", HTMLAttributes]
  },

  addNodeView() {
    const url = this.options.chooserUrl
    return ({ node, editor, getPos }) => {
      let current = node
      const list = el("ol", { className: "element-preview__gallery" })
      const add = el("button", { type: "button", className: "button", text: "Add pictures…" })
      const remove = el("button", {
        type: "button",
        className: "button",
        text: "Remove the gallery",
      })
      const dom = el("figure", { className: "element-preview", "data-element": "gallery" }, [
        el("p", { className: "element-preview__kind", text: "Gallery" }),
        list,
        el("p", { className: "element-preview__controls" }, [add, remove]),
      ])
      const ids = () => current.attrs.pictures.split(",").filter(Boolean)
      const save = (next) => setAttrs(editor, getPos, { pictures: next.join(",") })

      add.addEventListener("click", async () => {
        const chosen = await openChooser(url, { multiple: true })
        if (chosen) save([...new Set([...ids(), ...chosen.map((c) => String(c.id))])])
      })
      remove.addEventListener("click", () => removeNode(editor, getPos))

      async function show(n) {
        current = n // what "Add pictures…" adds to
        const pictures = n.attrs.pictures.split(",").filter(Boolean)
        const found = await fetchCards(url, pictures)
        list.replaceChildren(
          ...pictures.map((id, index) => {
            // Reorder by number: type where this picture goes, or drag it there.
            const position = el("input", {
              type: "number",
              min: "1",
              max: String(pictures.length),
              value: String(index + 1),
              "aria-label": `Position of picture ${index + 1}`,
            })
            position.addEventListener("change", () => {
              const to = Math.min(Math.max(Number(position.value) - 1, 0), pictures.length - 1)
              const next = pictures.filter((p) => p !== id)
              next.splice(to, 0, id)
              save(next)
            })
            const drop = el("button", {
              type: "button",
              className: "button",
              text: "Remove",
              "aria-label": `Remove picture ${index + 1} from the gallery`,
            })
            drop.addEventListener("click", () => save(pictures.filter((p) => p !== id)))
            const item = el("li", { draggable: "true", "data-id": id }, [
              thumbnail(found[index]),
              el("span", { text: describe(found[index]) }),
              position,
              drop,
            ])
            item.addEventListener("dragstart", (event) => {
              event.stopPropagation()
              event.dataTransfer.setData("text/x-gallery-picture", id)
            })
            item.addEventListener("dragover", (event) => event.preventDefault())
            item.addEventListener("drop", (event) => {
              event.preventDefault()
              event.stopPropagation()
              const moved = event.dataTransfer.getData("text/x-gallery-picture")
              if (!moved || moved === id) return
              const next = pictures.filter((p) => p !== moved)
              next.splice(next.indexOf(id), 0, moved)
              save(next)
            })
            return item
          }),
        )
      }
      return elementView(dom, node, show, "input, button, li[draggable]")
    }
  },


  addMenuItems({ menu, buttons }) {
    const url = this.options.chooserUrl
    menu.defineItem({
      name: "storyGallery",
      groups: "nodes",
      button: buttons.material("collections", "Insert a gallery of pictures"),
      async command(editor) {
        const chosen = await openChooser(url, { multiple: true })
        if (chosen?.length) {
          insertBetweenBlocks(editor, {
            type: "storyGallery",
            attrs: { pictures: chosen.map((c) => c.id).join(",") },
          })
        }
      },
    })
  },
})

// --- "Read also": a link to another story, chosen by its headline ---------------------

// The admin's own autocomplete for the story's "related" field: the same permission
// checks, the same search.
const HEADLINES = "/admin/articles/story/headlines/"
const STORY_SEARCH =
  "/admin/autocomplete/?app_label=articles&model_name=story&field_name=related&term="

function chooseStory() {
  return new Promise((resolve) => {
    const dialog = el("dialog", { className: "picture-chooser", "aria-labelledby": "story-chooser-title" })
    const search = el("input", { type: "search", "aria-label": "Search stories by headline" })
    const list = el("ul", { className: "story-chooser__list", role: "list" })
    const status = el("p", { role: "status" })
    const finish = (value) => {
      dialog.close()
      dialog.remove()
      resolve(value)
    }
    let timer
    let latest = 0 // answers to an older search, arriving late, are dropped
    async function load() {
      const asked = ++latest
      const response = await fetch(STORY_SEARCH + encodeURIComponent(search.value), {
        credentials: "same-origin",
      })
      const data = response.ok ? await response.json() : { results: [] }
      if (asked !== latest) return
      list.replaceChildren(
        ...data.results.map((result) => {
          const button = el("button", { type: "button", className: "story-chooser__pick", text: result.text })
          button.addEventListener("click", () => finish(result))
          return el("li", {}, [button])
        }),
      )
      status.textContent = data.results.length ? "" : "No story matches."
    }
    search.addEventListener("input", () => {
      clearTimeout(timer)
      timer = setTimeout(load, 250)
    })
    const cancel = el("button", { type: "button", className: "button", text: "Cancel" })
    cancel.addEventListener("click", () => finish(null))
    dialog.addEventListener("cancel", (event) => {
      event.preventDefault()
      finish(null)
    })
    dialog.append(
      el("h2", { id: "story-chooser-title", text: "Choose the story to read also" }),
      search,
      status,
      list,
      el("p", { className: "picture-chooser__actions" }, [cancel]),
    )
    document.body.append(dialog)
    dialog.showModal()
    search.focus()
    load()
  })
}

export const StoryLink = Node.create({
  ...elementNode,
  name: "storyLink",

  addAttributes() {
    return {
      story: {
        default: null,
        parseHTML: (node) => node.getAttribute("data-story"),
        renderHTML: (attrs) => ({ "data-story": attrs.story }),
      },
      // What the editor shows; not stored (the body keeps the id only).
      headline: { default: "", rendered: false },
    }
  },

  parseHTML() {
    return [{ tag: "aside[data-story]" }]
  },

  renderHTML({ HTMLAttributes }) {
    return ["aside", HTMLAttributes]
  },

  addNodeView() {
    return ({ node, editor, getPos }) => {
      const headline = el("p", { className: "element-preview__words" })
      const remove = el("button", { type: "button", className: "button", text: "Remove" })
      remove.addEventListener("click", () => removeNode(editor, getPos))
      const dom = el("aside", { className: "element-preview", "data-element": "story" }, [
        el("p", { className: "element-preview__kind", text: "Read also" }),
        headline,
        el("p", { className: "element-preview__controls" }, [remove]),
      ])
      // Readers see the link only while that story is published: the preview says so.
      headline.textContent = node.attrs.headline || `Story #${node.attrs.story}`
      fetch(`${HEADLINES}?ids=${encodeURIComponent(node.attrs.story)}`, {
        credentials: "same-origin",
      })
        .then((response) => (response.ok ? response.json() : { results: [] }))
        .then(({ results }) => {
          const [found] = results
          if (!found) headline.textContent = "This story no longer exists: readers see nothing."
          else {
            headline.textContent = found.published
              ? found.headline
              : `${found.headline} (not published: readers see nothing until it is)`
          }
        })
      return {
        dom,
        stopEvent: (event) => event.target.closest?.("button") != null,
        ignoreMutation: () => true,
      }
    }
  },

  addMenuItems({ menu, buttons }) {
    menu.defineItem({
      name: "storyLink",
      groups: "nodes",
      button: buttons.material("link", "Insert a “Read also” link to another story"),
      async command(editor) {
        const chosen = await chooseStory()
        if (chosen) {
          insertBetweenBlocks(editor, {
            type: "storyLink",
            attrs: { story: String(chosen.id), headline: chosen.text },
          })
        }
      },
    })
  },
})

// --- Fact box: a boxed aside of its own paragraphs, headings and lists -----------------

export const FactBox = Node.create({
  name: "factBox",
  group: "block",
  content: "block+",
  defining: true,

  parseHTML() {
    return [{ tag: "aside.fact-box" }]
  },

  renderHTML() {
    return ["aside", { class: "fact-box" }, 0]
  },

  addMenuItems({ menu, buttons }) {
    menu.defineItem({
      name: "factBox",
      groups: "nodes",
      button: buttons.material("info", "Fact box: put the selected paragraphs in a box"),
      command(editor) {
        if (editor.isActive("factBox")) editor.chain().focus().lift("factBox").run()
        else editor.chain().focus().wrapIn("factBox").run()
      },
      active: (editor) => editor.isActive("factBox"),
    })
  },
})

// --- Videos from the library ------------------------------------------------------------

const videoCards = new Map()

export const StoryVideo = Node.create({
  ...elementNode,
  name: "storyVideo",

  addAttributes() {
    return {
      video: {
        default: null,
        parseHTML: (node) => node.getAttribute("data-video"),
        renderHTML: (attrs) => ({ "data-video": attrs.video }),
      },
    }
  },

  parseHTML() {
    return [{ tag: "figure[data-video]" }]
  },

  renderHTML({ HTMLAttributes }) {
    return ["figure", HTMLAttributes]
  },

  addNodeView() {
    const url = this.options.chooserUrl
    return ({ node, editor, getPos }) => {
      const preview = el("div", { className: "element-preview__media" })
      const words = el("p", { className: "element-preview__words" })
      const replace = el("button", { type: "button", className: "button", text: "Replace…" })
      replace.addEventListener("click", async () => {
        const chosen = await openChooser(url, { kind: VIDEOS })
        if (chosen) setAttrs(editor, getPos, { video: String(chosen[0].id) })
      })
      const remove = el("button", { type: "button", className: "button", text: "Remove" })
      remove.addEventListener("click", () => removeNode(editor, getPos))
      const dom = el("figure", { className: "element-preview", "data-element": "video" }, [
        el("p", { className: "element-preview__kind", text: "Video" }),
        preview,
        words,
        el("p", { className: "element-preview__controls" }, [replace, remove]),
      ])

      async function show(n) {
        const id = String(n.attrs.video)
        if (!videoCards.has(id)) {
          const response = await fetch(`${url}?ids=${encodeURIComponent(id)}`, {
            credentials: "same-origin",
          })
          if (response.ok) for (const card of (await response.json()).results) videoCards.set(String(card.id), card)
        }
        const card = videoCards.get(id)
        preview.replaceChildren(
          card?.thumbnail
            ? el("img", { src: card.thumbnail, alt: "", loading: "lazy" })
            : el("span", { className: "element-missing", text: card ? "No poster" : "Video not found" }),
        )
        words.textContent = card ? `${card.title} (${card.length})${card.caption ? ` — ${card.caption}` : ""}` : ""
      }
      return elementView(dom, node, show, "button")
    }
  },

  addMenuItems({ menu, buttons }) {
    const url = this.options.chooserUrl
    menu.defineItem({
      name: "storyVideo",
      groups: "nodes",
      button: buttons.material("movie", "Insert a video from the library (or upload one)"),
      async command(editor) {
        const chosen = await openChooser(url, { kind: VIDEOS })
        if (chosen) {
          videoCards.set(String(chosen[0].id), chosen[0])
          insertBetweenBlocks(editor, { type: "storyVideo", attrs: { video: String(chosen[0].id) } })
        }
      },
    })
  },
})

// --- Embeds: a post, video, map or document from another site, by its link -------------

const embedCards = new Map()

function embedPreview(card) {
  if (!card) return [el("span", { className: "element-missing", text: "Embed not found" })]
  const parts = []
  if (card.thumbnail) parts.push(el("img", { src: card.thumbnail, alt: "", loading: "lazy" }))
  parts.push(
    el("span", {
      text: `${card.provider} ${card.kind.toLowerCase()}${card.author ? ` by ${card.author}` : ""}: ${card.title || card.url}`,
    }),
  )
  if (!card.frame) parts.push(el("span", { text: " Readers get a link card (this site gives no frame)." }))
  else if (card.note) parts.push(el("span", { text: ` Readers get the frame, without words: ${card.note}.` }))
  return parts
}

function pasteLink(url) {
  return new Promise((resolve) => {
    const dialog = el("dialog", { className: "picture-chooser", "aria-labelledby": "embed-title" })
    const input = el("input", {
      type: "url",
      name: "url",
      required: "",
      placeholder: "https://",
      "aria-describedby": "embed-help",
    })
    const errors = el("ul", { className: "errorlist", role: "alert" })
    const status = el("p", { role: "status" })
    const finish = (value) => {
      dialog.close()
      dialog.remove()
      resolve(value)
    }
    const form = el("form", {}, [
      el("label", {}, [el("span", { text: "Link to the post, video, map or document" }), input]),
      el("p", {
        id: "embed-help",
        className: "help",
        text: "YouTube, Vimeo, Rutube, VK Video, X, Telegram, Instagram, Facebook, TikTok, Bluesky, Mastodon, OpenStreetMap, DocumentCloud and more. Readers load it only when they click.",
      }),
      errors,
      status,
      el("p", { className: "picture-chooser__actions" }, [
        el("button", { type: "submit", className: "button default", text: "Embed" }),
        el("button", { type: "button", className: "button", text: "Cancel", onclick: () => finish(null) }),
      ]),
    ])
    form.addEventListener("submit", async (event) => {
      event.preventDefault()
      errors.replaceChildren()
      status.textContent = "Asking the site about it…"
      const response = await fetch(url, {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken() },
      })
      const data = await response.json().catch(() => ({ errors: { url: ["The desk could not embed it."] } }))
      status.textContent = ""
      if (!response.ok) {
        for (const message of data.errors?.url || ["The desk could not embed it."]) {
          errors.append(el("li", { text: message }))
        }
        return
      }
      finish(data)
    })
    dialog.addEventListener("cancel", (event) => {
      event.preventDefault()
      finish(null)
    })
    dialog.append(el("h2", { id: "embed-title", text: "Embed from another site" }), form)
    document.body.append(dialog)
    dialog.showModal()
    input.focus()
  })
}

export const StoryEmbed = Node.create({
  ...elementNode,
  name: "storyEmbed",

  addAttributes() {
    return {
      embed: {
        default: null,
        parseHTML: (node) => node.getAttribute("data-embed"),
        renderHTML: (attrs) => ({ "data-embed": attrs.embed }),
      },
    }
  },

  parseHTML() {
    return [{ tag: "figure[data-embed]" }]
  },

  renderHTML({ HTMLAttributes }) {
    return ["figure", HTMLAttributes]
  },

  addNodeView() {
    const url = this.options.chooserUrl
    return ({ node, editor, getPos }) => {
      const preview = el("p", { className: "element-preview__words element-preview__embed" })
      const remove = el("button", { type: "button", className: "button", text: "Remove" })
      remove.addEventListener("click", () => removeNode(editor, getPos))
      const dom = el("figure", { className: "element-preview", "data-element": "embed" }, [
        el("p", { className: "element-preview__kind", text: "Embed" }),
        preview,
        el("p", { className: "element-preview__controls" }, [remove]),
      ])
      async function show(n) {
        const id = String(n.attrs.embed)
        if (!embedCards.has(id)) {
          const response = await fetch(`${url}?ids=${encodeURIComponent(id)}`, {
            credentials: "same-origin",
          })
          if (response.ok) for (const card of (await response.json()).results) embedCards.set(String(card.id), card)
        }
        preview.replaceChildren(...embedPreview(embedCards.get(id)))
      }
      return elementView(dom, node, show, "button")
    }
  },

  addMenuItems({ menu, buttons }) {
    const url = this.options.chooserUrl
    menu.defineItem({
      name: "storyEmbed",
      groups: "nodes",
      button: buttons.material("smart_display", "Embed a post, video or map by its link"),
      async command(editor) {
        const card = await pasteLink(url)
        if (card) {
          embedCards.set(String(card.id), card)
          insertBetweenBlocks(editor, { type: "storyEmbed", attrs: { embed: String(card.id) } })
        }
      },
    })
  },
})
