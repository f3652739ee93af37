// The insights page (browser bundle); being written.
