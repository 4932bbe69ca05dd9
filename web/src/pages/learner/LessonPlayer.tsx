import { Placeholder } from "../../components/Placeholder";

export default function LessonPlayer() {
  return <Placeholder name="LessonPlayer" />;
}
