use other_sdk::Client;

fn main() {
    let client = Client::new();
    let all = client.chat().list();
    client.chat().delete("id");
    println!("{all:?}");
}
