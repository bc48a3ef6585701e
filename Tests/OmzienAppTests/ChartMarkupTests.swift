import OmzienCore
import Testing
@testable import OmzienApp

/// Charts the server draws enter pages as trusted markup (`HTML(trusted:)`), so the texts in them must be
/// escaped where the chart is drawn, and the page must put the chart in as it is while escaping its own texts.
@Suite struct ChartMarkupTests {
    @Test func textsInABarChartAreEscapedWhereItIsDrawn() {
        let chart = EvaluationChart.barChart(
            [(label: "<script>alert(1)</script>", value: 3), (label: "Noord & Zuid", value: nil)],
            id: "grafiek-test", title: "Titel \"met\" <b>", description: "<i>uitleg</i>", hiddenText: "<verborgen>").description
        #expect(chart.hasPrefix("<svg"))
        #expect(!chart.contains("<script>") && chart.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(chart.contains("Noord &amp; Zuid") && chart.contains("&lt;verborgen&gt;"))
        #expect(chart.contains("Titel &quot;met&quot; &lt;b&gt;") && chart.contains("&lt;i&gt;uitleg&lt;/i&gt;"))
    }

    @Test func labelsInAnEffectsDotPlotAreEscaped() {
        let chart = EvaluationChart.dotPlot([("<img src=x>", 1.5, 0.5, 2.5)], id: "grafiek-test", title: "t", description: "d").description
        #expect(!chart.contains("<img") && chart.contains("&lt;img src=x&gt;"))
        #expect(chart.contains("class=\"interval\"") && chart.contains("class=\"point\""))
    }

    @Test func aTrendPutsItsChartInAsItIsAndEscapesItsHeading() throws {
        let texts = Texts(language: .nl, translations: try Translations.load())
        let trend = MonitorTrendView(heading: "GGD <monitor>", differs: "anders & apart", chart: HTML(trusted: "<svg class=\"chart\"></svg>"),
                                     points: [.init(year: 2024, text: "12,5%", n: "300")])
        let html = trend.html(texts).description
        #expect(html.contains("<figure class=\"chart-figure\"><svg class=\"chart\"></svg></figure>"))
        #expect(html.contains("<h3>GGD &lt;monitor&gt;</h3>") && !html.contains("<monitor>"))
        #expect(html.contains("<p class=\"small\">anders &amp; apart</p>"))
        #expect(html.contains("<tr><th scope=\"row\">2024</th><td>12,5%</td><td>300</td></tr>"))
    }
}
