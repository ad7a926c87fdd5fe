"""Link previews and sharing: Open Graph and X tags, the drawn social cards and their fonts, share buttons."""
