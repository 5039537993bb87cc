import { Store } from "./store";

const db = new Store();

export async function cleanup(id: string) {
  await db.chat.completions.delete(id);
}
