import { Placeholder } from "../../components/Placeholder";

export default function Studio() {
  return <Placeholder name="Studio" />;
}
