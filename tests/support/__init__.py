"""What the tests share and that is not a test: servers, clients, builders of documents."""
