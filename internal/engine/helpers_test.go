package engine

import (
	"fmt"

	"frontline/internal/content"
)

// q builds a question; marks is a string of 'x' (right) and '.' (wrong).
func q(id string, kind content.QuestionKind, marks string, indicators ...string) content.Question {
	qu := content.Question{ID: id, Text: "Question " + id, Kind: kind, Indicators: indicators}
	for i, c := range marks {
		qu.Options = append(qu.Options, content.Option{Text: fmt.Sprintf("option %d", i+1), Correct: c == 'x', Feedback: fmt.Sprintf("feedback %d", i+1)})
	}
	if kind == content.TrueFalse {
		qu.Options[0].Text, qu.Options[1].Text = "True", "False"
	}
	return qu
}

func testModule(n int) *content.Module {
	m := &content.Module{Meta: content.Meta{ID: "mod", Title: "Module"}}
	for i := range n {
		switch i % 3 {
		case 0:
			m.Questions = append(m.Questions, q(fmt.Sprintf("q%d", i), content.SingleChoice, ".x..", "retained-documents"))
		case 1:
			m.Questions = append(m.Questions, q(fmt.Sprintf("q%d", i), content.MultipleChoice, "xx..", "debt-bondage", "isolation"))
		default:
			m.Questions = append(m.Questions, q(fmt.Sprintf("q%d", i), content.TrueFalse, "x."))
		}
	}
	return m
}

func testCatalogue() *content.Catalogue {
	return &content.Catalogue{
		Categories: []content.Category{
			{Name: "Coercion", Indicators: []string{"retained-documents", "debt-bondage"}},
			{Name: "Isolation", Indicators: []string{"isolation"}},
		},
		Indicators: map[string]*content.Indicator{
			"retained-documents": {ID: "retained-documents", Category: "Coercion"},
			"debt-bondage":       {ID: "debt-bondage", Category: "Coercion"},
			"isolation":          {ID: "isolation", Category: "Isolation"},
		},
	}
}
