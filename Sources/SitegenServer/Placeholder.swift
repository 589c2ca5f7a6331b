// The preview server lands with the Serve issue.
