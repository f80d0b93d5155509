// The body editor's own extensions, loaded by django-prose-editor's configurable
// preset (DJANGO_PROSE_EDITOR_EXTENSIONS in config/settings.py), which looks each
// extension named in portal.text.rich up among this module's exports first.
//
// - Table: the library's table with a caption (the accessibility statement
//   promises captions), asked for when a table is inserted and editable from
//   the table's toolbar; a header row is the default.
// - MenuLabels: names in the admin's language for the toolbar buttons and menu
//   entries django-prose-editor 0.28 labels in English without gettext.
//
// Words go through the admin's JavaScript catalogue (window.gettext, from
// locale/*/LC_MESSAGES/djangojs.po), as the library's own dialogs do.
import {
  Extension,
  Table as LibraryTable,
  mergeAttributes,
  updateAttrsDialog,
} from "django-prose-editor/editor"

const gettext = window.gettext || ((text) => text)

const CAPTION_ICON =
  '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 24 24" ' +
  'fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" ' +
  'aria-hidden="true"><line x1="5" y1="4" x2="19" y2="4"/>' +
  '<rect x="3" y="8" width="18" height="13" rx="2"/><line x1="3" y1="14" x2="21" y2="14"/>' +
  '<line x1="12" y1="8" x2="12" y2="21"/></svg>'

const captionOf = (table) =>
  table.querySelector(":scope > caption")?.textContent.trim() || null

const insertTable = (editor) => {
  updateAttrsDialog(
    {
      caption: {
        type: "string",
        title: gettext("Caption"),
        description: gettext("What the table shows, read out before it."),
      },
      rows: { type: "number", title: gettext("Rows"), format: "number", min: "1", max: "100" },
      cols: { type: "number", title: gettext("Columns"), format: "number", min: "1", max: "100" },
      withHeaderRow: { type: "boolean", title: gettext("Include header row") },
    },
    { title: gettext("Insert table"), submitText: gettext("Insert") },
  )(editor, { caption: "", rows: "3", cols: "3", withHeaderRow: true }).then((attrs) => {
    if (!attrs) return
    editor
      .chain()
      .focus()
      .insertTable({
        rows: Number.parseInt(attrs.rows, 10) || 3,
        cols: Number.parseInt(attrs.cols, 10) || 3,
        withHeaderRow: attrs.withHeaderRow,
      })
      .updateAttributes("table", { caption: attrs.caption.trim() || null })
      .run()
  })
}

const editCaption = (editor) => {
  const { caption } = editor.getAttributes("table")
  updateAttrsDialog(
    { caption: { type: "string", title: gettext("Caption") } },
    { title: gettext("Table caption") },
  )(editor, { caption: caption || "" }).then((attrs) => {
    if (!attrs) return
    editor
      .chain()
      .focus()
      .updateAttributes("table", { caption: attrs.caption.trim() || null })
      .run()
  })
}

export const Table = LibraryTable.extend({
  addAttributes() {
    return {
      ...this.parent?.(),
      caption: {
        default: null,
        parseHTML: captionOf,
        // Written as an element by renderHTML, not as an attribute.
        renderHTML: () => ({}),
      },
    }
  },

  parseHTML() {
    // The caption is the table's attribute: its text must not become a cell.
    return [
      {
        tag: "table",
        contentElement: (table) => {
          const rows = table.cloneNode(true)
          rows.querySelector(":scope > caption")?.remove()
          return rows
        },
      },
    ]
  },

  renderHTML({ node, HTMLAttributes }) {
    const { caption } = node.attrs
    return [
      "table",
      mergeAttributes(this.options.HTMLAttributes, HTMLAttributes),
      ...(caption ? [["caption", caption]] : []),
      ["tbody", 0],
    ]
  },

  addNodeView() {
    const libraryView = this.parent?.()
    return (props) => {
      const view = libraryView(props)
      const caption = document.createElement("caption")
      caption.contentEditable = "false"
      const show = (node) => {
        caption.textContent = node.attrs.caption || ""
        caption.hidden = !node.attrs.caption
      }
      show(props.node)
      view.table.prepend(caption)
      const update = view.update.bind(view)
      view.update = (node) => {
        if (!update(node)) return false
        show(node)
        return true
      }
      const ignoreMutation = view.ignoreMutation.bind(view)
      view.ignoreMutation = (record) =>
        caption.contains(record.target) || ignoreMutation(record)
      return view
    }
  },

  addCommands() {
    return {
      ...this.parent?.(),
      insertTableWithOptions:
        () =>
        ({ editor }) => {
          insertTable(editor)
          return true
        },
    }
  },

  addMenuItems({ editor, buttons, menu }) {
    this.parent?.({ editor, buttons, menu })
    menu.defineItem({
      name: "table:caption",
      groups: "table",
      priority: 90,
      command: editCaption,
      button: buttons.svg(CAPTION_ICON, gettext("Table caption")),
      hidden: (editor) => !editor.isActive("table"),
      active: (editor) => !!editor.getAttributes("table").caption,
    })
  },
})

// Item names are django-prose-editor's (src/menu.js, table.js, link.js, nodeClass.js).
const LABELS = {
  paragraph: () => gettext("Paragraph"),
  bulletList: () => gettext("Bulleted list"),
  orderedList: () => gettext("Numbered list"),
  blockquote: () => gettext("Quotation"),
  horizontalRule: () => gettext("Horizontal line"),
  figure: () => gettext("Image"),
  bold: () => gettext("Bold"),
  italic: () => gettext("Italic"),
  "history:undo": () => gettext("Undo"),
  "history:redo": () => gettext("Redo"),
  html: () => gettext("Edit HTML"),
  link: () => gettext("Insert link"),
  unlink: () => gettext("Remove link"),
  table: () => gettext("Insert table"),
  "table:addColumnAfter": () => gettext("Add column"),
  "table:deleteColumn": () => gettext("Delete column"),
  "table:addRowAfter": () => gettext("Add row"),
  "table:deleteRow": () => gettext("Delete row"),
  "table:mergeCells": () => gettext("Merge cells"),
  "table:splitCell": () => gettext("Split cell"),
  "table:toggleHeaderCell": () => gettext("Toggle header cell"),
  "table:deleteTable": () => gettext("Delete table"),
  // The paragraph style menu: its button, and the entries that remove a style.
  "nodeClass:global:reset": () => gettext("Block style"),
  "nodeClass:paragraph:clear": () => gettext("Plain paragraph"),
}
const OPTIONS = { "nodeClass:global:reset": () => gettext("No style") }

const labelFor = (name) => {
  const heading = /^heading(\d)$/.exec(name)
  if (heading) return gettext("Heading %(level)s").replace("%(level)s", heading[1])
  return LABELS[name]?.()
}

const relabel = (item, label) => {
  const { button, option } = item
  if (button) {
    button.title = label
    button.setAttribute("aria-label", label)
    // Text buttons show their label; icon buttons keep their icon.
    if (!button.classList.contains("material-icons") && !button.querySelector("svg")) {
      button.textContent = label
    }
  }
  if (option) option.textContent = OPTIONS[item.name]?.() || label
}

export const MenuLabels = Extension.create({
  name: "menuLabels",
  // Last, so that every other extension has defined its items.
  priority: 1,

  addMenuItems({ _definedItems }) {
    for (const [name, item] of Object.entries(_definedItems)) {
      const label = labelFor(name)
      if (label) relabel(item, label)
    }
  },
})
