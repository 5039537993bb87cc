//! Tests that answer the Chat Completions URL with HTTP mocks (wiremock, mockito): stand-ins
//! for the endpoint that change with the code they test. One note for the file.

use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn answers_with_wiremock() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/chat/completions"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
}

#[test]
fn answers_with_mockito() {
    let mut server = mockito::Server::new();
    let _mock = server
        .mock("POST", "/v1/chat/completions")
        .with_status(200)
        .create();
}
