package tui

import (
	"frontline/internal/content"
)

// testLibrary is a small library written in code for the screen tests.
func testLibrary() *content.Library {
	cat := &content.Catalogue{
		Categories: []content.Category{
			{Name: "Control", Indicators: []string{"retained-documents", "debt-bondage"}},
			{Name: "Working conditions", Indicators: []string{"excessive-hours"}},
		},
		Indicators: map[string]*content.Indicator{
			"retained-documents": {ID: "retained-documents", Name: "Identity documents held by someone else", Category: "Control",
				Strength: content.StrengthStrong, Source: "ILO (2009), Operational indicators", Explanation: "Keeping a person's passport restricts their freedom to leave."},
			"debt-bondage": {ID: "debt-bondage", Name: "Debt that cannot be paid off", Category: "Control",
				Strength: content.StrengthStrong, Source: "ILO (2009)", Explanation: "A debt that grows faster than it can be repaid binds the worker."},
			"excessive-hours": {ID: "excessive-hours", Name: "Excessive working hours", Category: "Working conditions",
				Strength: content.StrengthMedium, Source: "ILO (2009)", Explanation: "Days of fourteen hours or more, without rest days."},
		},
	}
	labour := &content.Module{
		Meta: content.Meta{ID: "labour", Title: "Recognising labour exploitation", Summary: "Signs at work and at home.",
			Roles: []content.Role{content.RolePolice, content.RoleLabourInspection}, Level: content.LevelCore, Minutes: 25,
			Requires: []string{"basics"}, ContentNote: "Describes threats against workers.", Fingerprint: "fp-labour", Version: "1"},
		Pages: []content.Page{
			{Title: "What it looks like", Body: "Workers may live where they work.\n\n> [!IMPORTANT]\n> Consent to a job is not consent to exploitation.\n\n- long hours\n- no pay slips\n"},
			{Title: "Debts", Body: "A debt for travel can be used to **control** a worker.\n"},
		},
		Questions: []content.Question{
			{ID: "passport", Text: "A recruiter keeps a worker's passport \"for safe keeping\". What does it indicate?", Kind: content.SingleChoice,
				Options: []content.Option{
					{Text: "Nothing unusual; many employers do this", Feedback: "Holding identity papers is a control tactic."},
					{Text: "Retention of identity documents", Correct: true, Feedback: "Yes: a strong indicator."},
					{Text: "Debt bondage"},
				},
				Explanation: "Keeping a passport restricts the freedom to leave.", Indicators: []string{"retained-documents"}},
			{ID: "signs", Text: "Which of these are indicators of labour exploitation?", Kind: content.MultipleChoice,
				Options: []content.Option{
					{Text: "Fourteen-hour days with no rest day", Correct: true},
					{Text: "A debt to the recruiter that keeps growing", Correct: true},
					{Text: "Working night shifts", Feedback: "Night work alone indicates nothing."},
				},
				Explanation: "Look at hours and debts together.", Indicators: []string{"excessive-hours", "debt-bondage"}},
			{ID: "consent", Text: "If a worker agreed to the job, it cannot be trafficking.", Kind: content.TrueFalse,
				Options:     []content.Option{{Text: "True"}, {Text: "False", Correct: true}},
				Explanation: "Consent is irrelevant once deception or coercion is used."},
		},
		Exam:         content.ExamSettings{Questions: 3, PassMark: 60},
		TrainerNotes: []content.Page{{Title: "Trainer notes", Body: "Allow 25 minutes. Ask who has seen passports held at work."}},
	}
	basics := &content.Module{
		Meta:  content.Meta{ID: "basics", Title: "What trafficking is", Summary: "Act, means and purpose.", Level: content.LevelIntro, Minutes: 20, Fingerprint: "fp-basics"},
		Pages: []content.Page{{Title: "The definition", Body: "Trafficking has three elements: an act, a means and a purpose.\n"}},
		Questions: []content.Question{{ID: "elements", Text: "How many elements has the definition for an adult?", Kind: content.SingleChoice,
			Options: []content.Option{{Text: "Two"}, {Text: "Three", Correct: true}}}},
	}
	sc := &content.Scenario{
		Meta:     content.Meta{ID: "farm", Title: "Farm inspection", Summary: "An inspector visits a farm at harvest.", Roles: []content.Role{content.RoleLabourInspection}, Level: content.LevelCore, Minutes: 15, Fingerprint: "fp-farm"},
		Start:    "arrival",
		Briefing: "You are a labour inspector on a routine visit.",
		Scenes: []content.Scene{
			{ID: "arrival", Title: "Arrival", Body: "The workers live in caravans behind the packing shed.",
				Checkpoints: []content.Question{{ID: "notice", Text: "Which indicators do you notice?", Kind: content.MultipleChoice,
					Options: []content.Option{
						{Text: "The manager holds the workers' passports", Correct: true},
						{Text: "Workers look tired at the end of a shift", Feedback: "Tiredness after a shift indicates nothing on its own."},
					}, Indicators: []string{"retained-documents"}}},
				Decision: &content.Decision{Prompt: "What do you do?", Options: []content.Option{
					{Text: "Speak to workers alone, with an interpreter", Correct: true, Target: "private", Feedback: "Workers can speak freely away from the manager."},
					{Text: "Ask the manager to translate", Target: "manager", Feedback: "The manager may be the person controlling them."},
				}}},
			{ID: "private", Title: "A private talk", Body: "One worker says he owes the recruiter for his travel."},
			{ID: "manager", Title: "The manager translates", Body: "Every worker says everything is fine."},
		},
		TrainerNotes: []content.Page{{Title: "Trainer notes", Body: "Pause after the arrival. Discuss who should interpret."}},
	}
	gloss := &content.Glossary{Terms: []content.Term{
		{ID: "nrm", Name: "National Referral Mechanism (NRM)", Also: []string{"NRM"}, Source: "Home Office (2024)",
			Definition: "The UK's framework for identifying and supporting potential victims."},
		{ID: "s45", Name: "Section 45 defence (s45)", Also: []string{"s45", "section 45"}, Source: "College of Policing",
			Definition: "A defence at trial under section 45 of the Modern Slavery Act 2015 (England and Wales)."},
	}}
	return &content.Library{Modules: []*content.Module{labour, basics}, Scenarios: []*content.Scenario{sc}, Catalogue: cat, Glossary: gloss}
}
