// English and Chinese. The language is the one chosen with the switch (kept in localStorage), else
// the browser's. Each area of the app has its own namespace file, so the two stay easy to compare.
import i18n from "i18next";
import LanguageDetector from "i18next-browser-languagedetector";
import { initReactI18next } from "react-i18next";
import enCommon from "./en/common.json";
import enLearner from "./en/learner.json";
import enCreator from "./en/creator.json";
import zhCommon from "./zh/common.json";
import zhLearner from "./zh/learner.json";
import zhCreator from "./zh/creator.json";

export const LANGUAGES = [
  { code: "en", label: "English" },
  { code: "zh", label: "中文" },
] as const;

void i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources: {
      en: { common: enCommon, learner: enLearner, creator: enCreator },
      zh: { common: zhCommon, learner: zhLearner, creator: zhCreator },
    },
    ns: ["common", "learner", "creator"],
    defaultNS: "common",
    fallbackLng: "en",
    supportedLngs: ["en", "zh"],
    nonExplicitSupportedLngs: true,
    load: "languageOnly",
    interpolation: { escapeValue: false },
    detection: {
      order: ["localStorage", "navigator"],
      lookupLocalStorage: "lectern.lang",
      caches: ["localStorage"],
    },
  });

i18n.on("languageChanged", (lng) => {
  document.documentElement.lang = lng === "zh" ? "zh-Hans" : "en";
});
document.documentElement.lang = i18n.resolvedLanguage === "zh" ? "zh-Hans" : "en";

export default i18n;
