package demotown

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Name material. Common surnames appear twice so they come up more often.
var (
	surnames  = []rune("王王李李张张刘刘陈陈杨杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万严覃武戴莫孔向汤欧阳")
	boyChars  = []rune("浩宇轩子涵博文杰俊豪明辉鹏志强磊伟睿泽然一凡天佑梓航铭晨瑞宸嘉诚昊亮彬锦程思远家乐建国振华海波")
	girlChars = []rune("欣怡诗涵雨桐梓萱婉清思彤一诺佳琪梦瑶紫晴雅静慧敏晓雪丽娟芳婷悦可馨若汐语嫣秀兰春燕美玲")
	adultM    = []rune("国强建军志刚红兵德明永平卫东海波立新建华文斌和平")
	adultF    = []rune("秀英桂兰玉梅丽华春花淑芬美玲凤英红霞小燕金凤")
	placeA    = []rune("青白石黄红新龙凤桃杨柳马金银大小东西南北上下高长平安太双古茶竹枫梅兴")
	placeB    = []rune("山水桥田坪塘湾冲溪岭坡岗铺江源湖洲垅园林口家庄坑畈埠墩寨港坝")
	mobileTop = []string{"130", "131", "132", "133", "135", "136", "137", "138", "139",
		"150", "151", "152", "155", "157", "158", "159", "173", "177", "180", "181", "182",
		"186", "187", "188", "189", "199"}
)

// childName makes a child's name: surname plus one or two given characters.
func childName(r *rng, surname rune, male bool) string {
	chars := girlChars
	if male {
		chars = boyChars
	}
	var buf [12]byte
	b := utf8.AppendRune(buf[:0], surname)
	b = utf8.AppendRune(b, chars[r.intn(len(chars))])
	if r.chance(0.8) {
		b = utf8.AppendRune(b, chars[r.intn(len(chars))])
	}
	return string(b)
}

// adultName makes an adult's name with the given surname (0: random).
func adultName(r *rng, surname rune) string {
	if surname == 0 {
		surname = surnames[r.intn(len(surnames))]
	}
	chars := adultF
	if r.chance(0.5) {
		chars = adultM
	}
	k := r.intn(len(chars)/2) * 2
	var buf [12]byte
	b := utf8.AppendRune(buf[:0], surname)
	b = utf8.AppendRune(b, chars[k])
	if r.chance(0.75) {
		b = utf8.AppendRune(b, chars[k+1])
	}
	return string(b)
}

// mobile makes an 11-digit mobile phone number.
func mobile(r *rng) string {
	b := make([]byte, 0, 11)
	b = append(b, mobileTop[r.intn(len(mobileTop))]...)
	n := r.intn(100000000)
	for d := 10000000; d > 0; d /= 10 {
		b = append(b, byte('0'+n/d%10))
	}
	return string(b)
}

// placeName gives the k-th two-character place name; names are distinct
// for k < len(placeA)*len(placeB) (1,020), more than maxVillage.
func placeName(k int) string {
	a := k % len(placeA)
	b := (k/len(placeA) + 7*a) % len(placeB)
	return string([]rune{placeA[a], placeB[b]})
}

// hanNumber writes 1..99 in Chinese numerals (used in school names).
func hanNumber(n int) string {
	digits := []rune("零一二三四五六七八九")
	switch {
	case n < 10:
		return string(digits[n])
	case n < 20:
		return "十" + strings.TrimPrefix(string(digits[n%10]), "零")
	case n < 100:
		s := string(digits[n/10]) + "十"
		if n%10 != 0 {
			s += string(digits[n%10])
		}
		return s
	}
	return strconv.Itoa(n)
}

// Places migrants go to, and the school-name stem used there.
var destinations = []struct{ address, stem string }{
	{"广东省深圳市宝安区", "深圳市宝安区"},
	{"广东省东莞市长安镇", "东莞市长安镇"},
	{"广东省广州市白云区", "广州市白云区"},
	{"浙江省义乌市", "义乌市"},
	{"浙江省杭州市萧山区", "杭州市萧山区"},
	{"江苏省苏州市昆山市", "昆山市"},
	{"福建省厦门市集美区", "厦门市集美区"},
	{"上海市松江区", "上海市松江区"},
	{"湖南省长沙市雨花区", "长沙市雨花区"},
	{"湖南省邵阳市大祥区", "邵阳市大祥区"},
}
