"""The screens of Quadrant: main (search and panes), reader, item page, help, import, dialogs."""
