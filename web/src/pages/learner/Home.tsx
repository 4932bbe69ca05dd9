import { Placeholder } from "../../components/Placeholder";

export default function Home() {
  return <Placeholder name="Home" />;
}
